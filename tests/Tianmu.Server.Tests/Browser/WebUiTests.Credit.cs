using Microsoft.Playwright;
using Tianmu.Server.Tests.Credit;
using Tianmu.Server.Tests.Portal;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnEntitySeesItsGradeAppliesForRepairAnOfficerApprovesAndTheEntitySeesTheOutcome()
    {
        var warning = await TestWarnings.RaiseAsync(app, TestPortal.Quancheng, "信用测试：浑浊度高于上限");
        await TestCredit.GradeAsync(app, TestPortal.Quancheng, TestCredit.Today, 80, TestCredit.Warning(warning, -12, "游泳池水浑浊度超标（信用测试）"));
        const string statement = "已更换过滤砂，浑浊度连续 30 日合格，附检测报告。";
        const string reason = "现场核实已整改到位，同意信用修复。";

        await app.WithPageAsync("credit-entity", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "首页", "/portal");
            var slot = page.Locator("section[aria-label='信用评价']");
            await Expect(slot).ToContainTextAsync("B级");
            await Expect(slot).ToContainTextAsync("80分");
            await Expect(slot).ToContainTextAsync("一般风险");
            await BrowserApp.FollowAsync(page, "查看依据与信用修复", "/portal/credit");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("health-credit 第 1 版");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "游泳池水浑浊度超标（信用测试）" })).ToHaveAttributeAsync("href", $"/portal/warnings/{warning}");

            await page.GetByLabel("申请修复的事项").SelectOptionAsync(new SelectOptionValue { Label = $"预警 {TestCredit.Today:yyyy-MM-dd} 游泳池水浑浊度超标（信用测试）（-12）" });
            await page.GetByLabel("整改情况说明").FillAsync(statement);
            await page.Locator("#repair-password").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交信用修复申请" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已提交信用修复申请");
            await Expect(page.Locator("table[aria-label='信用修复申请']")).ToContainTextAsync("待审核");
        });

        await app.WithPageAsync("credit-officer", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await BrowserApp.FollowAsync(page, "信用修复审核", "/credit/repairs");
            var row = page.Locator("tr", new() { HasText = statement });
            await Expect(row).ToContainTextAsync(TestPortal.Quancheng);
            await row.GetByRole(AriaRole.Button, new() { Name = "同意修复" }).ClickAsync();
            await Expect(page.Locator(".alert-error")).ToContainTextAsync("审核信用修复须说明理由");
            await page.Locator("tr", new() { HasText = statement }).GetByLabel("审核理由").FillAsync(reason);
            await page.Locator("tr", new() { HasText = statement }).GetByRole(AriaRole.Button, new() { Name = "同意修复" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已同意修复");
            await Expect(page.Locator("tr", new() { HasText = statement })).ToHaveCountAsync(0); // no longer pending
        });

        await app.WithPageAsync("credit-outcome", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "信用评价", "/portal/credit");
            var outcome = page.Locator("table[aria-label='信用修复申请'] tr", new() { HasText = statement });
            await Expect(outcome).ToContainTextAsync("已同意修复");
            await Expect(outcome).ToContainTextAsync(reason);
        });
    }
}
