using Microsoft.Playwright;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnOfficerSignsForAWarningChecksItAndOrdersRectification()
    {
        await TestWarnings.RaiseAsync(app, "济南明湖水上运动中心", "浑浊度 1.8 NTU 高于上限 1 NTU，持续 15 分钟", "POOL-TURBIDITY");

        await app.WithPageAsync("warnings", async page =>
        {
            await app.LoginAsync(page, "lx.officer2");
            await BrowserApp.FollowAsync(page, "预警", "/warnings");
            var row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("GB 37488-2019");
            await Expect(row).ToContainTextAsync("新预警");

            await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已签收");
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await row.GetByRole(AriaRole.Button, new() { Name = "开始核查" }).ClickAsync();
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("核查中");

            await row.GetByLabel("整改期限").FillAsync(DateTime.Today.AddDays(5).ToString("yyyy-MM-dd"));
            await row.GetByRole(AriaRole.Button, new() { Name = "责令整改" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已责令整改");
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("整改期限 " + DateTime.Today.AddDays(5).ToString("yyyy-MM-dd"));
        });
    }
}
