using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Identity;
using Tianmu.Payments;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Payments;

/// <summary>
/// Settling flagged payments: refunded, credited by hand to a case awaiting payment (through its RecordPayment step),
/// or otherwise explained; by staff of the payment's agency, once — of two at once, one wins.
/// </summary>
public sealed class PaymentResolutionTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Refund(string reference = "TF20261123001") => new { resolution = "Refunded", refundReference = reference, refundedOn = Day(Today) };

    private static Task<HttpResponseMessage> ResolveAsync(HttpClient client, Guid paymentId, object input) =>
        client.PostAsJsonAsync($"/api/v1/payments/{paymentId}/resolution", input);

    /// <summary>A 500 元 case paid 800: 500 applied, the payment flagged Overpaid.</summary>
    private async Task<(Guid Case, Guid Payment)> OverpaidAsync()
    {
        var id = await ServedAsync(app, Own, 500m);
        var answer = await PayAsync(app, await CodeAsync(app, id), 800m);
        Assert.Equal(nameof(PaymentFlag.Overpaid), answer.GetProperty("flag").GetString());
        return (id, answer.GetProperty("paymentId").GetGuid());
    }

    private async Task<JsonElement> ReportAsync(string user = "lx.head") =>
        await (await app.ClientForAsync(user)).GetFromJsonAsync<JsonElement>("/api/v1/payments/reconciliation");

    [Fact]
    public async Task ARefundLeavesTheToReconcileListButStaysInTheReport()
    {
        var (_, paymentId) = await OverpaidAsync();
        Assert.Contains((await ReportAsync()).GetProperty("flaggedItems").EnumerateArray(), i => i.GetProperty("id").GetGuid() == paymentId);

        var response = await ResolveAsync(await app.ClientForAsync("lx.officer1"), paymentId, Refund());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await ReportAsync();
        Assert.DoesNotContain(report.GetProperty("flaggedItems").EnumerateArray(), i => i.GetProperty("id").GetGuid() == paymentId);
        var item = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == paymentId);
        Assert.Equal("Overpaid", item.GetProperty("flag").GetString());
        Assert.Equal(("Refunded", "TF20261123001"), (item.GetProperty("resolution").GetProperty("kind").GetString(), item.GetProperty("resolution").GetProperty("refundReference").GetString()));
        Assert.Contains("lx.officer1", item.GetProperty("resolution").GetProperty("resolvedBy").GetString(), StringComparison.Ordinal);

        await using var db = app.Db();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "payment.resolved" && a.EntityType == "payment" && a.EntityId == paymentId.ToString()));
        var again = await Problem.ReadAsync(await ResolveAsync(await app.ClientForAsync("lx.head"), paymentId, new { resolution = "Other", note = "重复处理" }), HttpStatusCode.Conflict);
        Assert.Equal("payment.already_resolved", again.Code);
        Assert.Contains("退付", again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputIsRefusedWithTheField()
    {
        var (_, paymentId) = await OverpaidAsync();
        var officer = await app.ClientForAsync("lx.officer1");

        async Task<JsonElement> Errors(object input)
        {
            var problem = await Problem.ReadAsync(await ResolveAsync(officer, paymentId, input), HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", problem.Code);
            return problem.Body.GetProperty("errors");
        }

        Assert.True((await Errors(new { resolution = "Refunded", refundedOn = Day(Today) })).TryGetProperty("refundReference", out _));
        Assert.True((await Errors(new { resolution = "Refunded", refundReference = "TF1", refundedOn = Day(Today.AddDays(1)) })).TryGetProperty("refundedOn", out _));
        Assert.True((await Errors(new { resolution = "Other" })).TryGetProperty("note", out _));
        Assert.True((await Errors(new { resolution = "AppliedManually" })).TryGetProperty("caseId", out _));
        Assert.True((await Errors(new { resolution = "Forgotten" })).TryGetProperty("resolution", out _));

        await using var db = app.Db();
        Assert.Null((await db.Payments.SingleAsync(p => p.Id == paymentId)).Resolution);
    }

    [Fact]
    public async Task OnlyStaffOfThePaymentsAgencyResolveIt()
    {
        var (_, paymentId) = await OverpaidAsync();

        Assert.Equal("not_found", (await Problem.ReadAsync(await ResolveAsync(await app.ClientForAsync("szq.officer1"), paymentId, Refund()), HttpStatusCode.NotFound)).Code);
        Assert.Equal("payment.role", (await Problem.ReadAsync(await ResolveAsync(await app.ClientForAsync("jn.admin"), paymentId, Refund()), HttpStatusCode.Forbidden)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await ResolveAsync(await app.ClientForAsync("lx.reviewer"), paymentId, Refund())).StatusCode);

        var fullyApplied = (await PayAsync(app, await CodeAsync(app, await ServedAsync(app, Own, 300m)), 300m)).GetProperty("paymentId").GetGuid();
        Assert.Equal("payment.not_flagged", (await Problem.ReadAsync(await ResolveAsync(await app.ClientForAsync("lx.officer1"), fullyApplied, Refund()), HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task MoneyForNoAgencyIsSettledByAPlatformAdministrator()
    {
        var body = "1101012612345678901"; // a Beijing division: no agency of this deployment
        var paymentId = (await PayAsync(app, body + PaymentCode.CheckDigit(body), 66m)).GetProperty("paymentId").GetGuid();
        var root = await PlatformAdministratorAsync();

        Assert.Equal("not_found", (await Problem.ReadAsync(await ResolveAsync(await app.ClientForAsync("lx.head"), paymentId, Refund()), HttpStatusCode.NotFound)).Code);
        var response = await ResolveAsync(root, paymentId, new { resolution = "Other", note = "经核实为外省缴款，已转交北京市东城区财政部门处理。" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await using var db = app.Db();
        Assert.Equal(PaymentResolution.Other, (await db.Payments.SingleAsync(p => p.Id == paymentId)).Resolution);
    }

    [Fact]
    public async Task AManualCreditGoesThroughTheCasesPaymentStep()
    {
        // 500 paid twice on one case: the second is WrongStage; the party owes 500 on another case and asks to move it there.
        var first = await ServedAsync(app, Own, 500m);
        var code = await CodeAsync(app, first);
        await PayAsync(app, code, 500m);
        var paymentId = (await PayAsync(app, code, 500m)).GetProperty("paymentId").GetGuid();
        var other = await ServedAsync(app, Own, 500m);
        await CodeAsync(app, other); // its notice, issued as after any service
        var officer = await app.ClientForAsync("lx.officer1");

        var refused = await Problem.ReadAsync(await ResolveAsync(officer, paymentId, new { resolution = "AppliedManually", caseId = first }), HttpStatusCode.Conflict);
        Assert.Equal("case.wrong_stage", refused.Code); // the first case is no longer awaiting payment
        var response = await ResolveAsync(officer, paymentId, new { resolution = "AppliedManually", caseId = other, note = "当事人申请转入" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var detail = await CaseAsync(app, other);
        Assert.Equal("Executed", detail.GetProperty("summary").GetProperty("stage").GetString());
        var step = detail.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("action").GetString() == "RecordPayment");
        Assert.Contains("lx.officer1", step.GetProperty("actorName").GetString(), StringComparison.Ordinal);
        Assert.Contains(await TransactionOfAsync(paymentId), step.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains((await NoticeAsync(app, other)).GetProperty("payments").EnumerateArray(), p => p.GetProperty("id").GetGuid() == paymentId);

        await using var db = app.Db();
        var stored = await db.Payments.SingleAsync(p => p.Id == paymentId);
        Assert.Equal((PaymentResolution.AppliedManually, (Guid?)other), (stored.Resolution, stored.ResolvedCaseId));
        Assert.Equal(500m, (await db.Cases.SingleAsync(c => c.Id == other)).AmountPaid);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "payment" && a.EntityId == paymentId.ToString() && a.Action == "case.record_payment"));
    }

    [Fact]
    public async Task OfTwoResolvingAtOnceOneWins()
    {
        var (_, paymentId) = await OverpaidAsync();
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");

        var answers = await Task.WhenAll(ResolveAsync(officer, paymentId, Refund("TF-A")), ResolveAsync(head, paymentId, Refund("TF-B")));

        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        var loser = await Problem.ReadAsync(Assert.Single(answers, r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict);
        Assert.Equal("payment.already_resolved", loser.Code);
        await using var db = app.Db();
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == "payment.resolved" && a.EntityId == paymentId.ToString()));
    }

    private async Task<string> TransactionOfAsync(Guid paymentId)
    {
        await using var db = app.Db();
        return await db.Payments.Where(p => p.Id == paymentId).Select(p => p.TransactionId).SingleAsync();
    }

    /// <summary>An administrator with no agency: the platform's, whose jurisdiction is everything (and so the root "/").</summary>
    private async Task<HttpClient> PlatformAdministratorAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            if (await users.FindByNameAsync("ops.root") is null)
            {
                var user = new User(Guid.CreateVersion7(), "ops.root", "平台管理员", null, DateTimeOffset.UtcNow);
                user.SetRoles([Role.Administrator]);
                Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            }
        }

        return await app.ClientForAsync("ops.root");
    }
}
