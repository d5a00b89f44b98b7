using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>双随机一公开 (S10, Z4, Z8): a head draws, publishes, and the public page shows the seed and the drawn entity.</summary>
    [Fact]
    public Task AHeadDrawsAndPublishesAndThePublicPageShowsTheSeed() => app.WithPageAsync("inspection-draw", async page =>
    {
        await app.LoginAsync(page, "lx.head");
        await BrowserApp.FollowAsync(page, "双随机抽查", "/inspections/draws");
        await page.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "学校" });
        await page.GetByLabel("抽取数量").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "抽取" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("随机抽取详情");
        await Expect(page.Locator("table")).ToContainTextAsync("济南历下实验小学"); // the county's only school
        var seed = (await page.Locator("#seed").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f]{64}$", seed);

        await page.GetByRole(AriaRole.Button, new() { Name = "公开抽取结果" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已公开");

        await page.GotoAsync(app.BaseUrl + "/public/inspections?agency=370102");
        var draw = page.Locator("section.draw", new() { HasText = seed });
        await Expect(draw).ToContainTextAsync("tianmu-draw/1");
        await Expect(draw).ToContainTextAsync("济南历下实验小学");
    });
}
