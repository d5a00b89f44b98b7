using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Cases;

/// <summary>
/// 行政复议和行政诉讼 recorded on a decided case (行政处罚法第七十三条): a step on the timeline, by the case's staff in
/// their jurisdiction, audited; the surcharge does not run while it is pending (¶3), yet the case stays payable (¶1).
/// </summary>
public sealed class CaseRemedyTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Review(DateOnly on) => new { action = "RecordRemedy", remedyKind = "Review", remedyBody = "济南市历下区人民政府", on = Day(on), remedyReference = "历下复〔2026〕12号" };

    /// <summary>A served 1 000 元 fine decided and served 40 days ago, last day to pay <paramref name="lateBy"/> days ago.</summary>
    private async Task<Guid> LateAsync(int lateBy)
    {
        var id = await ServedAsync(app, Own, 1000m);
        await using var db = app.Db();
        await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.DecidedOn, (DateOnly?)Today.AddDays(-40)).SetProperty(c => c.ServedOn, (DateOnly?)Today.AddDays(-40))
            .SetProperty(c => c.PaymentDeferredTo, (DateOnly?)Today.AddDays(-lateBy)));
        return id;
    }

    [Fact]
    public async Task AReviewIsRecordedOnTheTimelineAndAudited_Art73()
    {
        var id = await LateAsync(10);
        var officer = await app.ClientForAsync("lx.officer1");

        var detail = await TestCases.StepAsync(officer, id, Review(Today.AddDays(-4)));

        Assert.Equal("Served", TestCases.StageOf(detail)); // execution does not stop (art. 73 ¶1)
        var remedy = Assert.Single(detail.GetProperty("remedies").EnumerateArray());
        Assert.Equal(("行政复议", "济南市历下区人民政府", Day(Today.AddDays(-4))),
            (remedy.GetProperty("kindName").GetString(), remedy.GetProperty("body").GetString(), remedy.GetProperty("startedOn").GetString()));
        Assert.Equal(JsonValueKindNull, remedy.GetProperty("endedOn").ValueKind);
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("actionName").GetString() == "记录申请行政复议或提起行政诉讼");
        Assert.Contains(detail.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "RecordPayment");

        var head = await app.ClientForAsync("lx.head");
        var ended = await TestCases.StepAsync(head, id, new { action = "EndRemedy", on = Day(Today.AddDays(-2)), note = "维持原行政处罚决定" });
        Assert.Equal("维持原行政处罚决定", ended.GetProperty("remedies")[0].GetProperty("outcome").GetString());

        await using var db = app.Db();
        var stored = await db.CaseRemedies.SingleAsync(r => r.CaseId == id);
        Assert.Equal(Today.AddDays(-2), stored.EndedOn);
        Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.EntityType == "case_remedy" && a.EntityId == stored.Id.ToString()));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "case.end_remedy"));
    }

    [Fact]
    public async Task OnlyTheCasesStaffInItsJurisdictionRecordIt_Art73()
    {
        var id = await LateAsync(10);

        await TestCases.RefusedAsync(await app.ClientForAsync("szq.officer1"), id, Review(Today), "not_found", HttpStatusCode.NotFound);
        var reviewer = await TestCases.RefusedAsync(await app.ClientForAsync("lx.reviewer"), id, Review(Today), "case.role", HttpStatusCode.Forbidden);
        Assert.Contains("执法人员", reviewer.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await TestCases.ActAsync(await app.ClientForAsync("ent.demo"), id, Review(Today))).StatusCode);

        await using var db = app.Db();
        Assert.False(await db.CaseRemedies.AnyAsync(r => r.CaseId == id));
    }

    [Fact]
    public async Task BadDatesAndUndecidedCasesAreRefused_Art73()
    {
        var id = await LateAsync(10);
        var officer = await app.ClientForAsync("lx.officer1");

        var future = await TestCases.RefusedAsync(officer, id, Review(Today.AddDays(1)), "case.remedy_date");
        Assert.Contains("不能晚于今天", future.Detail, StringComparison.Ordinal);
        var early = await TestCases.RefusedAsync(officer, id, Review(Today.AddDays(-41)), "case.remedy_date");
        Assert.Contains("处罚决定日期", early.Detail, StringComparison.Ordinal);
        var missing = await TestCases.RefusedAsync(officer, id, new { action = "RecordRemedy", on = Day(Today) }, "validation_failed", HttpStatusCode.BadRequest);
        Assert.True(missing.Body.GetProperty("errors").TryGetProperty("remedyKind", out _));
        await TestCases.RefusedAsync(officer, id, new { action = "EndRemedy", on = Day(Today), note = "驳回" }, "case.remedy_not_open", HttpStatusCode.Conflict);

        await TestCases.StepAsync(officer, id, Review(Today.AddDays(-4)));
        await TestCases.RefusedAsync(officer, id, Review(Today), "case.remedy_open", HttpStatusCode.Conflict);
        var before = await TestCases.RefusedAsync(officer, id, new { action = "EndRemedy", on = Day(Today.AddDays(-5)), note = "驳回" }, "case.remedy_end_before_start");
        Assert.Contains("不能早于申请（起诉）日期", before.Detail, StringComparison.Ordinal);

        var undecided = TestCases.IdOf(await TestCases.OpenAsync(officer, await app.EntityIdAsync(Own)));
        var stage = await TestCases.RefusedAsync(officer, undecided, Review(Today), "case.wrong_stage", HttpStatusCode.Conflict);
        Assert.Contains("作出决定", stage.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSurchargeAccruesDuringAReviewAndItRunsAgainAfter_Art72_73()
    {
        // Ten days late (today included); review applied for four days ago: the five days from then count nothing,
        // the five before count 1 000 × 3 % × 5 = 150.
        var id = await LateAsync(10);
        var code = await CodeAsync(app, id);
        var officer = await app.ClientForAsync("lx.officer1");
        await TestCases.StepAsync(officer, id, Review(Today.AddDays(-4)));

        var during = await NoticeAsync(app, id);
        Assert.Equal((10, 5), (during.GetProperty("daysLate").GetInt32(), during.GetProperty("surchargeDays").GetInt32()));
        Assert.Equal(150.00m, during.GetProperty("surchargeToday").GetDecimal());
        Assert.Equal(1150.00m, during.GetProperty("amountDueToday").GetDecimal());
        Assert.Equal("行政复议", Assert.Single(during.GetProperty("remedies").EnumerateArray()).GetProperty("kindName").GetString());
        Assert.Equal(1150.00m, (await CaseAsync(app, id)).GetProperty("amountOutstanding").GetDecimal());

        // Decided two days ago: yesterday and today count again (7 days, 210 元); a payment today settles with it.
        await TestCases.StepAsync(officer, id, new { action = "EndRemedy", on = Day(Today.AddDays(-2)), note = "维持" });
        Assert.Equal(210.00m, (await NoticeAsync(app, id)).GetProperty("surchargeToday").GetDecimal());
        var paid = await PayAsync(app, code, 1210m);
        Assert.Equal(("recorded", true), (paid.GetProperty("status").GetString(), paid.GetProperty("settled").GetBoolean()));
        await using var db = app.Db();
        Assert.Equal(210.00m, (await db.Payments.SingleAsync(p => p.Code == code)).Surcharge);
    }

    [Fact]
    public async Task APaymentDuringAReviewOwesNoNewSurcharge_Art73()
    {
        var id = await LateAsync(10);
        var code = await CodeAsync(app, id);
        await TestCases.StepAsync(await app.ClientForAsync("lx.officer1"), id, Review(Today.AddDays(-4)));

        // Paid yesterday, inside the review: only the five days before it count, 1 000 + 1 000 × 3 % × 5 settles the case exactly.
        var paid = await PayAsync(app, code, 1150m, DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(("recorded", true), (paid.GetProperty("status").GetString(), paid.GetProperty("settled").GetBoolean()));
        Assert.Equal("Executed", (await CaseAsync(app, id)).GetProperty("summary").GetProperty("stage").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
