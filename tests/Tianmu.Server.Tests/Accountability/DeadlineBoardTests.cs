using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Accountability;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Server.Accountability;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Accountability.TestDuties;

namespace Tianmu.Server.Tests.Accountability;

/// <summary>The deadline dashboard and the reminder/escalation job (each alert exactly once per case, kind, due date and stage).</summary>
public sealed class DeadlineBoardTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task TheBoardListsOverdueAndSoonDueDeadlinesWithTheirPeopleAndNeverHidesUndatedOnes()
    {
        var overdue = await CaseAsync(app, "看板：逾期未立案", Today.AddDays(-60));
        var soon = await ServiceDueSoonAsync("看板：即将到期送达");
        // Filed 2027-12-20: the 90-day decision period runs into 2028, whose calendar is not loaded.
        var undated = await CaseAsync(app, "看板：跨年决定期限", new DateOnly(2027, 12, 19), (CaseAction.File, new DateOnly(2027, 12, 20)));

        var head = await app.ClientForAsync("lx.head");
        var board = await ReadAsync(head, "overdue");
        var row = Row(board, overdue, "Filing");
        Assert.True(row.GetProperty("overdue").GetBoolean());
        Assert.True(row.GetProperty("daysLeft").GetInt32() < 0);
        Assert.Equal(["陈静"], Names(row)); // 立案 is the head's step
        Assert.Contains(board.GetProperty("byOfficer").EnumerateArray(), o => o.GetProperty("name").GetString() == "陈静" && o.GetProperty("count").GetInt32() >= 1);
        Assert.Contains(board.GetProperty("byAgency").EnumerateArray(), a => a.GetProperty("name").GetString()!.Contains("历下"));
        var missing = Row(board, undated, "Decision", "undated");
        Assert.Contains("2028年工作日历尚未载入", missing.GetProperty("problem").GetString());

        var week = await ReadAsync(head, "week");
        var service = Row(week, soon, "Service");
        Assert.Equal(new HashSet<string> { "黄磊", "吴琳" }, Names(service).ToHashSet()); // 送达 is the investigators' step
        Assert.DoesNotContain(week.GetProperty("items").EnumerateArray(), i => i.GetProperty("caseId").GetGuid() == overdue);

        // Per officer: 黄磊's deadlines only.
        var mine = await head.GetFromJsonAsync<JsonElement>($"/api/v1/cases/deadlines?scope=overdue&officerId={await app.UserIdAsync("lx.officer1")}");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("caseId").GetGuid() == overdue);

        // Another city's officer does not see 历下's cases.
        var qingdao = await ReadAsync(await app.ClientForAsync("ls.officer1"), "overdue");
        Assert.DoesNotContain(qingdao.GetProperty("items").EnumerateArray(), i => i.GetProperty("caseId").GetGuid() == overdue);

        var csv = await head.GetAsync("/api/v1/cases/deadlines/export?scope=overdue");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("看板：逾期未立案", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await head.GetAsync("/api/v1/cases/deadlines?scope=month")).StatusCode);
    }

    [Fact]
    public async Task RemindersAndEscalationsGoOutExactlyOnceAcrossRuns()
    {
        var overdue = await CaseOfAsync(app, "济南泉城游泳馆有限公司", "提醒：逾期未立案", Today.AddDays(-60));
        var soon = await ServiceDueSoonAsync("提醒：即将到期送达");

        await RunAlertsAsync();
        await RunAlertsAsync();

        await using var db = app.Db();
        var alerts = await db.CaseDeadlineAlerts.AsNoTracking().Where(a => a.CaseId == overdue || a.CaseId == soon).ToListAsync();
        var escalated = Assert.Single(alerts, a => a.CaseId == overdue && a.Stage == AlertStage.Escalated);
        Assert.Equal(DeadlineKind.Filing, escalated.Kind);
        var reminded = Assert.Single(alerts, a => a.CaseId == soon && a.Stage == AlertStage.Reminded);
        Assert.Equal(DeadlineKind.Service, reminded.Kind);
        Assert.Equal(2, reminded.Recipients);
        Assert.DoesNotContain(alerts, a => a.CaseId == soon && a.Stage == AlertStage.Escalated);

        var head = await app.UserIdAsync("lx.head");
        var toHead = await db.Notifications.AsNoTracking().Where(n => n.Source.StartsWith($"case:{overdue}:deadline:filing:")).ToListAsync();
        Assert.Equal(head, Assert.Single(toHead).RecipientUserId);
        Assert.Contains("逾期督办", toHead[0].Title);
        var toInvestigators = await db.Notifications.AsNoTracking().Where(n => n.Source.StartsWith($"case:{soon}:deadline:service:")).ToListAsync();
        Assert.Equal(2, toInvestigators.Count);

        // They reach the staff inbox, never the entity's portal inbox.
        var inbox = await (await app.ClientForAsync("lx.head")).GetFromJsonAsync<JsonElement>("/api/v1/notifications/mine");
        Assert.Contains(inbox.GetProperty("messages").GetProperty("items").EnumerateArray(), m => m.GetProperty("title").GetString() == "逾期督办：提醒：逾期未立案");
        var entityUser = await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>("/api/v1/portal/messages");
        Assert.True(entityUser.GetProperty("messages").GetProperty("total").GetInt32() >= 0);
        Assert.DoesNotContain(entityUser.GetProperty("messages").GetProperty("items").EnumerateArray(), m => m.GetProperty("kind").GetString()!.StartsWith("CaseDeadline"));
    }

    /// <summary>A case decided so that the 7-working-day service period ends within the next two working days.</summary>
    private async Task<Guid> ServiceDueSoonAsync(string title)
    {
        var calendar = await CalendarAsync(app);
        var limit = calendar.AddWorkingDays(Today, 1);
        var decided = Enumerable.Range(1, 20).Select(i => Today.AddDays(-i)).First(d => calendar.AddWorkingDays(d, 7) is var due && due >= Today && due <= limit);
        return await CaseAsync(app, title, decided.AddDays(-30), (CaseAction.File, decided.AddDays(-29)), (CaseAction.Decide, decided));
    }

    private async Task RunAlertsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadlineAlerts>().RunAsync(default);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string scope)
    {
        var response = await client.GetAsync($"/api/v1/cases/deadlines?scope={scope}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Row(JsonElement board, Guid caseId, string kind, string list = "items") =>
        board.GetProperty(list).EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == caseId && i.GetProperty("kind").GetString() == kind);

    private static string[] Names(JsonElement row) => [.. row.GetProperty("responsible").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];
}
