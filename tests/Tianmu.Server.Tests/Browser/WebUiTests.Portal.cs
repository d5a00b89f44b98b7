using Microsoft.Playwright;
using Tianmu.Server.Tests.Portal;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnEntityFindsItsCaseFromItsHomeStatesItsDefenceWithItsPasswordAndSeesItInItsRecord()
    {
        var id = await TestPortal.NotifiedAsync(app, 3000m, TestPortal.Quancheng);
        await app.WithPageAsync("portal-case", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "首页", "/portal");
            await Expect(page.Locator("section[aria-label='案件概况']")).ToContainTextAsync("已告知拟处罚，可陈述申辩");
            await Expect(page.Locator("section[aria-label='信用评价'] a[href='/portal/credit']")).ToBeVisibleAsync(); // the grade itself: WebUiTests.Credit
            await Expect(page.Locator("section[aria-label='信用评价']")).Not.ToContainTextAsync("待上线");
            await Expect(page.Locator("#chart-warnings")).ToHaveAttributeAsync("data-chart-ready", "true");

            await BrowserApp.FollowAsync(page, "案件", "/portal/cases");
            await page.Locator($"a[href='/portal/cases/{id}']").ClickAsync();
            await page.WaitForURLAsync($"**/portal/cases/{id}");
            await Expect(page.Locator("table[aria-label='本单位的期限']")).ToContainTextAsync("陈述申辩期限");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("警告，罚款人民币3000元");

            var text = "事发当日加氯泵检修，已人工投氯并有记录，请求从轻处罚。";
            await page.GetByLabel("陈述申辩内容").FillAsync(text);
            await page.Locator("#statement-password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交陈述申辩" }).ClickAsync();
            await Expect(page.Locator(".alert-error")).ToContainTextAsync("密码不正确，操作未执行");
            await Expect(page.Locator("ul[aria-label='本单位的陈述申辩']")).ToHaveCountAsync(0);

            await page.GetByLabel("陈述申辩内容").FillAsync(text);
            await page.Locator("#statement-password").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交陈述申辩" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已提交陈述申辩");
            await Expect(page.Locator("ul[aria-label='本单位的陈述申辩']")).ToContainTextAsync(text);

            await BrowserApp.FollowAsync(page, "操作记录", "/portal/activity");
            await Expect(page.Locator("table[aria-label='操作记录']")).ToContainTextAsync("提交陈述申辩：案件“未按规定对游泳池水进行消毒”");
        });
    }
}
