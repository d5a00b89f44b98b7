using System.Globalization;
using Microsoft.Playwright;
using Tianmu.Server.Tests.Payments;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>
    /// The officer records the party's application for administrative review on the case page: it is listed with the
    /// note that execution goes on, and the payment panel says its days carry no surcharge (行政处罚法第七十三条).
    /// Then a head refunds an overpayment from the reconciliation page, which leaves the to-reconcile list.
    /// </summary>
    [Fact]
    public async Task StaffRecordAReviewOnTheCaseAndRefundAnOverpayment()
    {
        var id = await TestPayments.ServedAsync(app, TestPayments.Own, 400m);
        var code = await TestPayments.CodeAsync(app, id);
        var overpaid = await TestPayments.ServedAsync(app, TestPayments.Own, 100m);
        var overCode = await TestPayments.CodeAsync(app, overpaid);
        var transaction = TestPayments.NewTransaction();
        await TestPayments.PayAsync(app, overCode, 130m, transactionId: transaction);
        var today = TestPayments.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await app.WithPageAsync("remedies", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await page.GotoAsync($"{app.BaseUrl}/cases/{id}");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "行政复议和行政诉讼" })).ToContainTextAsync("不停止执行");
            await TakeStepAsync(page, "记录申请行政复议或提起行政诉讼", async step =>
            {
                await step.GetByRole(AriaRole.Radio, new() { Name = "申请行政复议" }).CheckAsync();
                await step.Locator("[name=remedyBody]").FillAsync("济南市历下区人民政府");
                await step.Locator("[name=on]").FillAsync(today);
                await step.Locator("[name=remedyReference]").FillAsync("历下复〔2026〕7号");
            });
            var remedies = page.GetByRole(AriaRole.Table, new() { Name = "行政复议和行政诉讼" });
            await Expect(remedies).ToContainTextAsync("济南市历下区人民政府");
            await Expect(remedies).ToContainTextAsync("审理中");
            await Expect(page.Locator("#payment-remedies")).ToContainTextAsync("不计算加处罚款");
            await Expect(page.Locator("#payment-code")).ToHaveTextAsync(code);

            await SwitchAsync(page, "lx.head", $"{app.BaseUrl}/payments");
            var toReconcile = page.GetByRole(AriaRole.Table, new() { Name = "待对账款项" });
            var row = toReconcile.Locator("tbody tr", new() { HasText = transaction });
            await row.Locator("summary").ClickAsync();
            await row.Locator("[name=refundReference]").FillAsync("TF-UI-001");
            await row.Locator("[name=refundedOn]").FillAsync(today);
            await row.GetByRole(AriaRole.Button, new() { Name = "确认处理" }).ClickAsync();

            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("退付");
            await Expect(page.Locator("table[aria-label=待对账款项] tbody tr", new() { HasText = transaction })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "到账明细" }).Locator("tr", new() { HasText = transaction })).ToContainTextAsync("已处理：退付");
        });
    }
}
