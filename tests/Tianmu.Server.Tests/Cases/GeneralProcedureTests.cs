using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence;
using Tianmu.Server.Tests.Evidence;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Cases.TestCases;

namespace Tianmu.Server.Tests.Cases;

/// <summary>
/// A case from a warning turned clue through the general procedure to the archive (行政处罚法 art. 42–65;
/// 卫生健康行政处罚程序规定), over the API, with the refusals an agency relies on at each gate.
/// </summary>
public sealed class GeneralProcedureTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly string[] AllPoints = [.. ReviewChecklist.Items.Select(i => i.Code)];

    [Fact]
    public async Task AWarningTurnedClueBecomesACaseThatIsFiledInvestigatedReviewedNotifiedDecidedPaidAndArchived()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");
        var reviewer = await app.ClientForAsync("lx.reviewer");
        var entityId = await app.EntityIdAsync(Pool);

        // 受理 from a warning: only once it has been turned into a clue, and only once.
        var warning = await TestWarnings.RaiseAsync(app, Pool, "游离性余氯低于下限");
        var early = await officer.PostAsJsonAsync("/api/v1/cases", new { entityId, title = "余氯不足", source = "Warning", sourceRef = warning.ToString(), summary = "预警" });
        Assert.Equal("case.source_not_clue", (await Problem.ReadAsync(early, HttpStatusCode.Conflict)).Code);
        foreach (var action in new[] { "SignFor", "StartChecking", "TurnIntoClue" })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{warning}/actions", new { action })).StatusCode);
        }

        var opened = await OpenAsync(officer, entityId, source: "Warning", sourceRef: warning.ToString());
        var id = IdOf(opened);
        Assert.Equal("Accepted", StageOf(opened));
        var again = await officer.PostAsJsonAsync("/api/v1/cases", new { entityId, title = "余氯不足", source = "Warning", sourceRef = warning.ToString(), summary = "重复受理" });
        Assert.Equal("case.source_taken", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);

        // 立案: the head's step, with two credentialed investigators (art. 42) and the filing report issued.
        await RefusedAsync(officer, id, new { action = "File" }, "case.role", HttpStatusCode.Forbidden);
        await RefusedAsync(head, id, new { action = "File" }, "case.two_officers");
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        await RefusedAsync(head, id, new { action = "File" }, "case.document_missing");
        await IssueAsync(officer, id, "FilingReport");
        Assert.Equal("Investigating", StageOf(await StepAsync(head, id, new { action = "File" })));

        // Evidence the decision will rely on: placed under the case's hold, not yet reviewed.
        var item = (await TestEvidence.UploadAsync(app, "lx.officer1", entityId, [1, 2, 3, 4])).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { itemIds = new[] { item } })).StatusCode);
        await using (var db = app.Db())
        {
            Assert.True(await db.EvidenceHolds.AnyAsync(h => h.ItemId == item && h.Holder == $"case:{id}" && h.ReleasedAt == null));
        }

        // 先行登记保存 on the head's approval; its handling decision is due within 7 working days (art. 56).
        await IssueAsync(officer, id, "PreservationDecision");
        var preserved = await StepAsync(head, id, new { action = "PreserveEvidence", note = "加氯设备运行记录可能灭失，先行登记保存。" });
        Assert.Contains(preserved.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "Preservation");
        var handled = await StepAsync(officer, id, new { action = "HandlePreservedEvidence", note = "复制后退还当事人。" });
        Assert.DoesNotContain(handled.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "Preservation");

        // 调查终结 with a penalty proposal that needs legal review.
        var conclusion = new
        {
            action = "ConcludeInvestigation",
            report = "经调查，该单位 11 月连续 3 日游离性余氯低于 0.3 mg/L。",
            outcome = "Penalty",
            penalty = new { warning = true, fine = 3000m },
            discretionReason = "初次发现但持续三日，按一般情节。",
            legalReviewRequired = true,
        };
        await RefusedAsync(officer, id, conclusion, "case.document_missing");
        await IssueAsync(officer, id, "InvestigationReport");
        Assert.Equal("InvestigationConcluded", StageOf(await StepAsync(officer, id, conclusion)));

        // 法制审核: not by an investigator; a first-time reviewer needs the legal qualification (art. 58).
        var review = new { action = "RecordLegalReview", reviewPassed = true, note = "事实清楚，证据确凿，适用依据正确，程序合法。" };
        await RefusedAsync(officer, id, review, "case.role", HttpStatusCode.Forbidden);
        var admin = await app.ClientForAsync("sd.admin");
        var reviewerId = await app.UserIdAsync("lx.reviewer");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{reviewerId}", new { legalQualification = "" })).StatusCode);
        await RefusedAsync(reviewer, id, review, "case.reviewer_unqualified", HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{reviewerId}", new { legalQualification = "A20193701020001" })).StatusCode);
        Assert.Equal("LegalReviewed", StageOf(await StepAsync(reviewer, id, review)));
        Assert.Equal("Approved", StageOf(await StepAsync(head, id, new { action = "Approve", note = "同意" })));

        // 事先告知, then the party's statement; its review may lower the penalty but never raise it (art. 45).
        await IssueAsync(officer, id, "PriorNotice");
        Assert.Equal("Notified", StageOf(await StepAsync(officer, id, new { action = "ServePriorNotice" })));
        var stated = await StepAsync(officer, id, new { action = "RecordStatement", statementText = "设备故障期间已人工投氯，请求从轻处罚。", channel = "书面" });
        var statement = stated.GetProperty("statements")[0].GetProperty("id").GetGuid();
        // 决定: never on unreviewed evidence (art. 41) or an unreviewed statement, never above the reviewed proposal (art. 45).
        var proposed = new { action = "Decide", outcome = "Penalty", penalty = new { warning = true, fine = 3000m } };
        await RefusedAsync(head, id, proposed, "case.evidence_unreviewed");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/evidence/{item}/reviews", new { passed = true, confirmed = AllPoints })).StatusCode);
        await RefusedAsync(head, id, proposed, "case.statement_unreviewed");
        await RefusedAsync(officer, id, new { action = "ReviewStatement", statementId = statement, note = "不予采纳", penalty = new { warning = true, fine = 5000m } }, "case.penalty_raised");
        await StepAsync(officer, id, new { action = "ReviewStatement", statementId = statement, note = "部分采纳，减轻罚款。", accepted = true, penalty = new { warning = true, fine = 2000m } });
        await StepAsync(officer, id, new { action = "WaiveRights", note = "当事人书面表示放弃听证。" });
        await RefusedAsync(head, id, proposed, "case.penalty_raised");
        await RefusedAsync(head, id, new { action = "Decide", outcome = "Penalty", penalty = new { warning = true, fine = 2000m } }, "case.document_missing");
        await IssueAsync(officer, id, "PenaltyDecision");
        var decided = await StepAsync(head, id, new { action = "Decide", outcome = "Penalty", penalty = new { warning = true, fine = 2000m } });
        Assert.Equal("Decided", StageOf(decided));
        Assert.Equal(2000m, decided.GetProperty("decidedPenalty").GetProperty("fine").GetDecimal());

        // 送达 → 缴款 in two parts → 执行完毕 → 结案 → 归档; archiving releases the evidence hold.
        Assert.Equal("Served", StageOf(await StepAsync(officer, id, new { action = "RecordService", serviceMethod = "直接送达" })));
        Assert.Equal("Served", StageOf(await StepAsync(officer, id, new { action = "RecordPayment", amount = 500m })));
        var deferTo = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40));
        await RefusedAsync(officer, id, new { action = "DeferPayment", on = deferTo, note = "当事人申请分期缴纳" }, "case.role", HttpStatusCode.Forbidden);
        var deferred = await StepAsync(head, id, new { action = "DeferPayment", on = deferTo, note = "当事人经营困难，申请分期缴纳，经负责人批准。" });
        Assert.Equal(1500m, deferred.GetProperty("amountOutstanding").GetDecimal());
        var paid = await StepAsync(officer, id, new { action = "RecordPayment", amount = 1500m });
        Assert.Equal("Executed", StageOf(paid));
        Assert.Equal(0m, paid.GetProperty("amountOutstanding").GetDecimal());
        await IssueAsync(officer, id, "ClosingReport");
        Assert.Equal("Closed", StageOf(await StepAsync(head, id, new { action = "Close" })));
        var archived = await StepAsync(officer, id, new { action = "Archive" });
        Assert.Equal("Archived", StageOf(archived));
        await RefusedAsync(head, id, new { action = "Close" }, "case.archived", HttpStatusCode.Conflict);

        await using (var db = app.Db())
        {
            Assert.True(await db.EvidenceHolds.AllAsync(h => h.Holder != $"case:{id}" || h.ReleasedAt != null));
            var actions = await db.AuditRecords.Where(a => a.Action != null && a.Action.StartsWith("case.")).Select(a => a.Action).Distinct().ToListAsync();
            Assert.Contains("case.file", actions);
            Assert.Contains("case.decide", actions);
        }

        var timeline = archived.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(
            ["Accept", "Assign", "File", "AddEvidence", "PreserveEvidence", "HandlePreservedEvidence", "ConcludeInvestigation", "RecordLegalReview", "Approve", "ServePriorNotice", "RecordStatement", "ReviewStatement", "WaiveRights", "Decide", "RecordService", "RecordPayment", "DeferPayment", "RecordPayment", "Close", "Archive"],
            timeline);
    }

    [Fact]
    public async Task TwoHeadsFilingAtOnceMoveTheCaseOnce()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var id = IdOf(await OpenAsync(officer, await app.EntityIdAsync(Pool)));
        await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        await IssueAsync(officer, id, "FilingReport");
        var heads = new[] { await app.ClientForAsync("lx.head"), await app.ClientForAsync("jn.head") };

        var responses = await Task.WhenAll(heads.Select(h => ActAsync(h, id, new { action = "File" })));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        await using var db = app.Db();
        Assert.Equal(1, await db.CaseEvents.CountAsync(e => e.CaseId == id && e.Action == "File"));
    }

    [Fact]
    public async Task ACaseIsSeenOnlyInsideTheJurisdiction()
    {
        var id = IdOf(await OpenAsync(await app.ClientForAsync("lx.officer1"), await app.EntityIdAsync(Pool)));
        var outsider = await app.ClientForAsync("ls.officer1");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(outsider, id, new { action = "File" })).StatusCode);
        var list = await outsider.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("jn.head")).GetAsync($"/api/v1/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task TheDiscretionBenchmarkOfTheCatalogItemIsSuggested()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        Guid item;
        await using (var db = app.Db())
        {
            item = await db.CatalogItems.Where(i => i.Code == "鲁-GGCS-001").Select(i => i.Id).SingleAsync();
        }

        var response = await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            entityId = await app.EntityIdAsync(Pool),
            title = "游泳池水质不符合卫生标准",
            source = "OwnFinding",
            summary = "巡查发现",
            catalogItemId = item,
        });
        var opened = await response.Content.ReadFromJsonAsync<JsonElement>();

        // 《公共场所卫生管理条例实施细则》第三十六条 → the published benchmark "ps-36" (art. 34).
        var discretion = opened.GetProperty("discretion");
        Assert.Equal("ps-36", discretion.GetProperty("benchmark").GetString());
        Assert.Contains("第三十六条", discretion.GetProperty("basis").GetString());
        Assert.NotEmpty(discretion.GetProperty("reasons").EnumerateArray());
        var unknown = await officer.PostAsJsonAsync("/api/v1/cases", new { entityId = await app.EntityIdAsync(Pool), title = "x", source = "OwnFinding", summary = "x", catalogItemId = Guid.NewGuid() });
        Assert.True((await Problem.ReadAsync(unknown, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("catalogItemId", out _));
    }

    [Fact]
    public async Task BadInputGetsAClearError()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var missing = await officer.PostAsJsonAsync("/api/v1/cases", new { title = " ", source = "Rumour" });
        var problem = await Problem.ReadAsync(missing, HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("source", out _));
        var id = IdOf(await OpenAsync(officer, await app.EntityIdAsync(Pool)));
        await RefusedAsync(officer, id, new { action = "Fly" }, "validation_failed", HttpStatusCode.BadRequest);
    }
}
