using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Server.Tests.Accountability;
using Tianmu.Server.Tests.Support;
using Tianmu.Service;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>Publication of penalty decisions (行政处罚法第四十八条): published by a head, the party told where, withdrawn within three working days with the reason stated.</summary>
public sealed class PublicationTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task AChangedDecisionNotYetWithdrawnIsOnTheHeadsDeadlineBoardUntilWithdrawn_Art48()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");
        var caseId = await DecidedAsync(app, Pool, Today.AddDays(-30));
        var documentId = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();
        var id = (await (await head.PostAsync($"/api/v1/documents/{documentId}/publication", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var changedOn = Today.AddDays(-20); // three working days have long passed
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/v1/publications/{id}/change", new { change = "Changed", changedOn })).StatusCode);

        var board = await head.GetFromJsonAsync<JsonElement>("/api/v1/cases/deadlines?scope=overdue");
        var row = Assert.Single(board.GetProperty("items").EnumerateArray(), r => r.GetProperty("kind").GetString() == "PublicationWithdrawal" && r.GetProperty("caseId").GetGuid() == caseId);
        var due = PublicationRules.WithdrawBy(changedOn, await TestDuties.CalendarAsync(app));
        Assert.Equal(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("due").GetString());
        Assert.True(row.GetProperty("overdue").GetBoolean());
        Assert.Equal("/publications", row.GetProperty("link").GetString());
        Assert.Contains(row.GetProperty("responsible").EnumerateArray(), p => p.GetProperty("name").GetString() == "陈静"); // the heads withdraw
        Assert.Contains("第四十八条", row.GetProperty("basis").GetString());
        var laoshan = await (await app.ClientForAsync("ls.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/cases/deadlines?scope=overdue");
        Assert.DoesNotContain(laoshan.GetProperty("items").EnumerateArray(), r => r.GetProperty("kind").GetString() == "PublicationWithdrawal" && r.GetProperty("caseId").GetGuid() == caseId);

        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/v1/publications/{id}/withdrawal", new { reason = "该处罚决定已依法变更，撤回原公开信息。" })).StatusCode);
        var after = await head.GetFromJsonAsync<JsonElement>("/api/v1/cases/deadlines?scope=overdue");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), r => r.GetProperty("kind").GetString() == "PublicationWithdrawal" && r.GetProperty("caseId").GetGuid() == caseId);
    }

    [Fact]
    public async Task AHeadPublishesADecisionThePartyIsToldWhereAndAWithdrawalReplacesItWithTheReason()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");
        var caseId = await DecidedAsync(app, Pool, Today.AddDays(-2));
        var decision = await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision");
        var documentId = decision.GetProperty("id").GetGuid();
        var number = decision.GetProperty("number").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/documents/{documentId}/publication", null)).StatusCode);
        var published = await head.PostAsync($"/api/v1/documents/{documentId}/publication", null);

        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var publication = await published.Content.ReadFromJsonAsync<JsonElement>();
        var id = publication.GetProperty("id").GetGuid();
        Assert.Equal("publication.exists", (await Problem.ReadAsync(await head.PostAsync($"/api/v1/documents/{documentId}/publication", null), HttpStatusCode.Conflict)).Code);
        var open = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/decisions?agency=370102");
        var shown = Assert.Single(open.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal((number, Pool), (shown.GetProperty("number").GetString(), shown.GetProperty("party").GetString()));
        Assert.Contains("处罚依据：", shown.GetProperty("content").GetString());
        Assert.Contains(number, await app.Anonymous().GetStringAsync("/public/decisions"));
        await using (var db = app.Db())
        {
            var told = await db.Notifications.SingleAsync(n => n.Source == $"publication:{id}");
            Assert.Equal((NotificationChannel.Portal, NotificationKind.DecisionPublished), (told.Channel, told.Kind));
            Assert.Contains("/public/decisions", told.Body); // Z20: the site's name and address
            Assert.Contains("天目卫生健康非现场执法信息公开", told.Body);
        }

        // The decision is revoked on review: the withdrawal falls due three working days later (art. 48 ¶2, art. 85).
        var changedOn = Today.AddDays(-1);
        var change = await head.PostAsJsonAsync($"/api/v1/publications/{id}/change", new { change = "Revoked", changedOn });
        Assert.True(change.StatusCode == HttpStatusCode.OK, await change.Content.ReadAsStringAsync());
        var due = PublicationRules.WithdrawBy(changedOn, await TestDuties.CalendarAsync(app));
        var listed = (await head.GetFromJsonAsync<JsonElement>("/api/v1/publications")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), listed.GetProperty("withdrawBy").GetString());
        Assert.Equal(due.DayNumber - Today.DayNumber, listed.GetProperty("daysLeft").GetInt32());
        var noReason = await head.PostAsJsonAsync($"/api/v1/publications/{id}/withdrawal", new { });
        Assert.True((await Problem.ReadAsync(noReason, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("reason", out _));

        var withdrawn = await head.PostAsJsonAsync($"/api/v1/publications/{id}/withdrawal", new { reason = "该处罚决定经行政复议被撤销，依法撤回公开信息。" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/decisions")).EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);
        Assert.True(after.GetProperty("withdrawn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("content").ValueKind);
        Assert.Equal("依法撤销", after.GetProperty("changeName").GetString());
        var page = await app.Anonymous().GetStringAsync("/public/decisions");
        Assert.Contains("该处罚决定经行政复议被撤销，依法撤回公开信息。", page);
        Assert.DoesNotContain("处罚依据：", page);
        Assert.Equal("publication.withdrawn", (await Problem.ReadAsync(await head.PostAsJsonAsync($"/api/v1/publications/{id}/withdrawal", new { reason = "再次撤回" }), HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task OnlyAnIssuedPenaltyDecisionOfADecidedCaseIsPublished()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var head = await app.ClientForAsync("lx.head");
        var approved = await ApprovedAsync(app, OtherPool);
        var notice = (await Cases.TestCases.IssueAsync(officer, approved, "PriorNotice")).GetProperty("id").GetGuid();
        var early = (await Cases.TestCases.IssueAsync(officer, approved, "PenaltyDecision")).GetProperty("id").GetGuid();

        Assert.Equal("publication.not_decision", (await Problem.ReadAsync(await head.PostAsync($"/api/v1/documents/{notice}/publication", null), HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("publication.not_decided", (await Problem.ReadAsync(await head.PostAsync($"/api/v1/documents/{early}/publication", null), HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("qd.head")).PostAsync($"/api/v1/documents/{early}/publication", null)).StatusCode);
    }
}
