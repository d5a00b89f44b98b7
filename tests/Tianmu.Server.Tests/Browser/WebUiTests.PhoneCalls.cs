using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public Task AnOfficerLogsAPhoneCallOnTheEntityPageAndFindsTheInbox() => app.WithPageAsync("phone-call", async page =>
    {
        await app.LoginAsync(page, "lx.officer1");
        await BrowserApp.FollowAsync(page, "我的消息", "/inbox");
        await Expect(page.Locator("h1")).ToHaveTextAsync("我的消息");
        await BrowserApp.FollowAsync(page, "监管对象名录", "/entities");
        await page.GetByRole(AriaRole.Link, new() { Name = "济南舜耕大酒店有限公司" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("济南舜耕大酒店有限公司");

        await page.GetByText("登记电话告知").ClickAsync(); // opens the form
        await Expect(page.GetByLabel("通话时间")).Not.ToHaveValueAsync(""); // now, in China time, by default
        await page.GetByLabel("拨打号码").FillAsync("0531-86001234");
        await page.GetByLabel("结果").SelectOptionAsync(new SelectOptionValue { Label = "已接通并告知" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-error")).ToContainTextAsync("请填写接听人");
        await Expect(page.GetByLabel("拨打号码")).ToHaveValueAsync("0531-86001234"); // what was entered comes back to correct

        await page.GetByLabel("接听人").FillAsync("大堂经理 周某");
        await page.GetByLabel("通话内容").FillAsync("告知二次供水水箱清洗记录须于本周内补报");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator("#phone-calls .alert-ok")).ToHaveTextAsync("已登记电话告知。");
        var row = page.Locator("#phone-calls table tbody tr", new() { HasText = "大堂经理 周某" });
        await Expect(row).ToContainTextAsync("053****1234");
        await Expect(row).ToContainTextAsync("已接通并告知");
        await Expect(row).ToContainTextAsync("黄磊");
    });
}
