using Microsoft.Playwright;
using Tianmu.Server.Tests.Payments;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>
    /// The party finds its payment code under 缴款, pays on the simulated platform after re-typing its password, and
    /// the officer sees the payment on the case and in the reconciliation (Z19).
    /// </summary>
    [Fact]
    public async Task TheEntityPaysOnTheSimulatedPageAndStaffSeeItReconciled()
    {
        var id = await TestPayments.ServedAsync(app, TestPayments.Own, 720m);
        var code = await TestPayments.CodeAsync(app, id);

        await app.WithPageAsync("payment", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "缴款", "/portal/payments");
            var row = page.Locator("table tbody tr", new() { HasText = code });
            await Expect(row).ToContainTextAsync("720.00");
            await row.GetByRole(AriaRole.Link, new() { Name = "去支付" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("模拟支付");
            await Expect(page.Locator("#amount-due")).ToHaveTextAsync("720.00");
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "确认支付 720.00 元" }).ClickAsync();
            await Expect(page.Locator("#payment-result")).ToContainTextAsync("应缴款项已全部缴清");

            await SwitchAsync(page, "lx.officer1", $"{app.BaseUrl}/cases/{id}");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("执行完毕");
            await Expect(page.Locator("#payment-code")).ToHaveTextAsync(code);
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "缴款记录" })).ToContainTextAsync("模拟支付");

            await BrowserApp.FollowAsync(page, "缴款对账", "/payments");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "到账明细" })).ToContainTextAsync(code);
            await Expect(page.Locator("#chart-payments[data-chart-ready=true]")).ToHaveCountAsync(1);
        });
    }
}
