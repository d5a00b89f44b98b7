using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Cases.TestCases;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Portal;

/// <summary>
/// The party's side of its case (行政处罚法 art. 44, 45, 62–64): it sees where the case stands and its periods, states
/// its defence, requests a hearing or waives — as its own user, after typing its password again — and never sees the
/// agency's internal material.
/// </summary>
public sealed class PortalCaseTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly string Password = DemoData.Password;

    /// <summary>明湖's party account, created by the first test that needs it.</summary>
    private async Task<HttpClient> MinghuAsync()
    {
        await using var db = app.Db();
        return await db.Users.AnyAsync(u => u.UserName == "ent.minghu") ? await app.ClientForAsync("ent.minghu") : await PartyAsync(app, "ent.minghu", Minghu);
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task APartyStatesItsDefenceInItsWindowWaivesAndLaterSeesTheDecisionAndTheAmountDue()
    {
        var party = await MinghuAsync();
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");

        // Accepted but not filed: the agency's internal matter, not on the portal.
        var accepted = IdOf(await OpenAsync(officer, await app.EntityIdAsync(Minghu)));
        Assert.Equal("not_found", (await Problem.ReadAsync(await party.GetAsync($"/api/v1/portal/cases/{accepted}"), HttpStatusCode.NotFound)).Code);

        var id = await NotifiedAsync(app, 3000m);
        var view = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{id}");
        Assert.Equal("已告知拟处罚，可陈述申辩", view.GetProperty("case").GetProperty("stageName").GetString());
        Assert.Equal("警告，罚款人民币3000元", view.GetProperty("proposedPenalty").GetProperty("text").GetString());
        Assert.False(view.GetProperty("hearingRight").GetBoolean()); // 3000 元 for an organisation is below the hearing threshold
        Assert.Equal(["RecordStatement", "WaiveRights"], view.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var windows = view.GetProperty("windows").EnumerateArray().ToList();
        var statement = Assert.Single(windows);
        Assert.Equal("Statement", statement.GetProperty("kind").GetString());
        Assert.True(statement.GetProperty("open").GetBoolean());
        Assert.Equal(await StaffDueAsync(officer, id, "Statement"), statement.GetProperty("due").GetString()); // 3 working days, as the agency counts them

        // Nothing internal: no report, discretion reasoning, approval notes, members.
        var raw = view.GetRawText();
        Assert.DoesNotContain("内部", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("lx.officer", raw, StringComparison.Ordinal);

        // The statement re-confirms the password; then it is on the case, recorded as the party's.
        var text = "设备故障期间已人工投氯并记录，请求从轻处罚。";
        var unsigned = await Problem.ReadAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/statements", new { text }), HttpStatusCode.BadRequest);
        Assert.True(unsigned.Body.GetProperty("errors").TryGetProperty("password", out _));
        var wrong = await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/statements", new { text, password = "not-the-password" });
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);
        var empty = await Problem.ReadAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/statements", new { text = " ", password = Password }), HttpStatusCode.BadRequest);
        Assert.True(empty.Body.GetProperty("errors").TryGetProperty("text", out _));
        var stated = await OkAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/statements", new { text, password = Password }));
        var mine = Assert.Single(stated.GetProperty("statements").EnumerateArray());
        Assert.Equal(text, mine.GetProperty("text").GetString());
        Assert.Equal("相对人门户", mine.GetProperty("channel").GetString());
        Assert.False(mine.GetProperty("reviewed").GetBoolean());

        var staff = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        var recorded = Assert.Single(staff.GetProperty("statements").EnumerateArray());
        Assert.Equal(text, recorded.GetProperty("text").GetString());
        Assert.Contains("ent.minghu", recorded.GetProperty("recordedBy").GetString(), StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var partyId = await app.UserIdAsync("ent.minghu");
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "case.record_statement" && a.ActorId == partyId && a.EntityType == "case_statement"));
            Assert.True(await db.CaseEvents.AnyAsync(e => e.CaseId == id && e.Action == "RecordStatement" && e.ActorId == partyId));
        }

        // Waiving needs the box ticked; afterwards no more statements through the portal.
        var unticked = await Problem.ReadAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/waiver", new { password = Password }), HttpStatusCode.BadRequest);
        Assert.True(unticked.Body.GetProperty("errors").TryGetProperty("confirm", out _));
        var waived = await OkAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/waiver", new { confirm = true, note = "已充分陈述", password = Password }));
        Assert.True(waived.GetProperty("rightsWaived").GetBoolean());
        Assert.Empty(waived.GetProperty("actions").EnumerateArray());
        Assert.False(waived.GetProperty("windows")[0].GetProperty("open").GetBoolean());
        var after = await party.PostAsJsonAsync($"/api/v1/portal/cases/{id}/statements", new { text = "补充", password = Password });
        Assert.Equal("portal_case.rights_waived", (await Problem.ReadAsync(after, HttpStatusCode.Conflict)).Code);
        Assert.True((await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("rightsWaived").GetBoolean());

        // The agency reviews, decides and serves: the party sees the outcome, the review stays internal.
        await StepAsync(officer, id, new { action = "ReviewStatement", statementId = recorded.GetProperty("id").GetGuid(), note = "复核意见（内部）：部分采纳。", accepted = true, penalty = new { warning = true, fine = 2000m } });
        await IssueAsync(officer, id, "PenaltyDecision");
        await StepAsync(head, id, new { action = "Decide", outcome = "Penalty", penalty = new { warning = true, fine = 2000m } });
        var decided = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{id}");
        Assert.Equal("已作出决定，等待送达", decided.GetProperty("case").GetProperty("stageName").GetString());
        Assert.Equal("警告，罚款人民币2000元", decided.GetProperty("decidedPenalty").GetProperty("text").GetString());
        Assert.Equal(0m, decided.GetProperty("case").GetProperty("amountDue").GetDecimal()); // not in force until served
        Assert.True(decided.GetProperty("statements")[0].GetProperty("reviewed").GetBoolean());
        Assert.DoesNotContain("内部", decided.GetRawText(), StringComparison.Ordinal);

        await StepAsync(officer, id, new { action = "RecordService", serviceMethod = "直接送达" });
        var served = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{id}");
        Assert.Equal(2000m, served.GetProperty("case").GetProperty("amountDue").GetDecimal());
        var payment = Assert.Single(served.GetProperty("windows").EnumerateArray(), w => w.GetProperty("kind").GetString() == "Payment");
        Assert.True(payment.GetProperty("open").GetBoolean());
        Assert.Equal(["立案", "送达行政处罚事先告知书", "陈述申辩", "放弃陈述申辩和听证", "作出处理决定", "送达决定书"],
            served.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        var summary = await party.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary");
        var owed = summary.GetProperty("amounts");
        Assert.Equal(2000m, owed.GetProperty("total").GetDecimal());
        Assert.Equal(id, Assert.Single(owed.GetProperty("cases").EnumerateArray()).GetProperty("caseId").GetGuid());
        var list = await party.GetFromJsonAsync<JsonElement>("/api/v1/portal/cases");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == accepted);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id && c.GetProperty("stageName").GetString() == "决定已送达，请按期履行");
    }

    [Fact]
    public async Task AHearingIsRequestedOnlyWhenThePenaltyGivesTheRightAndOnlyOnce()
    {
        var party = await MinghuAsync();
        var small = await NotifiedAsync(app, 3000m);
        var refused = await party.PostAsJsonAsync($"/api/v1/portal/cases/{small}/hearing-request", new { password = Password });
        Assert.Equal("case.hearing_not_available", (await Problem.ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).Code);

        var large = await NotifiedAsync(app, 150_000m);
        var view = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{large}");
        Assert.True(view.GetProperty("hearingRight").GetBoolean());
        Assert.Contains("RequestHearing", view.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var hearingWindow = Assert.Single(view.GetProperty("windows").EnumerateArray(), w => w.GetProperty("kind").GetString() == "HearingRequest");
        Assert.Equal(await StaffDueAsync(await app.ClientForAsync("lx.officer1"), large, "HearingRequest"), hearingWindow.GetProperty("due").GetString());

        var requested = await OkAsync(await party.PostAsJsonAsync($"/api/v1/portal/cases/{large}/hearing-request", new { note = "请求对罚款数额举行听证", password = Password }));
        Assert.Equal("HearingRequested", requested.GetProperty("case").GetProperty("stage").GetString());
        Assert.Equal("已申请听证，等待听证通知", requested.GetProperty("case").GetProperty("stageName").GetString());
        Assert.DoesNotContain("RequestHearing", requested.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var again = await party.PostAsJsonAsync($"/api/v1/portal/cases/{large}/hearing-request", new { password = Password });
        Assert.Equal("portal_case.hearing_requested", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);
        var staff = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/cases/{large}");
        Assert.Equal("HearingRequested", staff.GetProperty("summary").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task NothingIsTakenOutsideThePartysPeriods()
    {
        var party = await MinghuAsync();

        // Filed, not yet notified: seen, but there is nothing to state yet.
        var filed = await FiledAsync(app);
        var view = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{filed}");
        Assert.Equal("调查处理中", view.GetProperty("case").GetProperty("stageName").GetString());
        Assert.Empty(view.GetProperty("actions").EnumerateArray());
        var early = await party.PostAsJsonAsync($"/api/v1/portal/cases/{filed}/statements", new { text = "申辩", password = Password });
        var problem = await Problem.ReadAsync(early, HttpStatusCode.Conflict);
        Assert.Equal("portal_case.not_in_defence", problem.Code);
        Assert.DoesNotContain("调查取证", problem.Detail, StringComparison.Ordinal); // the internal stage is not named

        // Notified ten days ago: the 3- and 5-working-day periods are over.
        var late = await NotifiedAsync(app, 150_000m);
        await using (var db = app.Db())
        {
            var tenDaysAgo = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-10);
            await db.Cases.Where(c => c.Id == late).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeServedOn, tenDaysAgo));
        }

        var lateView = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/cases/{late}");
        Assert.All(lateView.GetProperty("windows").EnumerateArray(), w => Assert.False(w.GetProperty("open").GetBoolean()));
        Assert.DoesNotContain("RecordStatement", lateView.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var statement = await party.PostAsJsonAsync($"/api/v1/portal/cases/{late}/statements", new { text = "迟到的申辩", password = Password });
        Assert.Equal("portal_case.statement_late", (await Problem.ReadAsync(statement, HttpStatusCode.UnprocessableEntity)).Code);
        var hearing = await party.PostAsJsonAsync($"/api/v1/portal/cases/{late}/hearing-request", new { password = Password });
        Assert.Equal("case.hearing_request_late", (await Problem.ReadAsync(hearing, HttpStatusCode.UnprocessableEntity)).Code);
        await using var after = app.Db();
        Assert.Equal(CaseStage.Notified, (await after.Cases.SingleAsync(c => c.Id == late)).Stage);
        Assert.False(await after.CaseStatements.AnyAsync(s => s.CaseId == late));
    }

    [Fact]
    public async Task ThePartysCasePagesShowThePeriodsAndTakeTheStatementWithThePassword()
    {
        await MinghuAsync();
        var id = await NotifiedAsync(app, 3000m);
        var browser = await app.CookieClientAsync("ent.minghu");
        var page = await browser.GetStringAsync($"/portal/cases/{id}");
        Assert.Contains("陈述申辩期限", page, StringComparison.Ordinal);
        Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("申请听证</button>", page, StringComparison.Ordinal); // no hearing right at 3000 元
        Assert.Contains($"href=\"/portal/cases/{id}\"", await browser.GetStringAsync("/portal/cases"), StringComparison.Ordinal);

        // Another entity's user gets the page's "not found", not the case.
        await PartyAsync(app, "ent.quancheng2", Quancheng);
        var outsider = await (await app.CookieClientAsync("ent.quancheng2")).GetStringAsync($"/portal/cases/{id}");
        Assert.Contains("该案件不存在或不属于本单位", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("未按规定对游泳池水进行消毒", outsider, StringComparison.Ordinal);
    }

    /// <summary>The due date of a running deadline as the staff case view computes it.</summary>
    private static async Task<string> StaffDueAsync(HttpClient staff, Guid id, string kind) =>
        (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("kind").GetString() == kind).GetProperty("due").GetString()!;
}
