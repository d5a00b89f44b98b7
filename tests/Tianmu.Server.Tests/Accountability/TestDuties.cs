using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Clues;
using Tianmu.Server.Calendar;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Accountability;

/// <summary>Cases and clues written straight into the database with a past history, where waiting for real time is impossible.</summary>
public static class TestDuties
{
    public const string Pool = "济南明湖水上运动中心";

    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>10:00 China time on <paramref name="day"/>.</summary>
    public static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<WorkingCalendar> CalendarAsync(TianmuApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarService>().LoadAsync(default);
    }

    /// <summary>
    /// A general-procedure case of the pool accepted on <paramref name="acceptedOn"/>; <paramref name="steps"/> are
    /// (action, day) taken in order (File sets the filing date, Decide the decision, RecordService the service), with
    /// 黄磊 and 吴琳 as investigators.
    /// </summary>
    public static Task<Guid> CaseAsync(TianmuApp app, string title, DateOnly acceptedOn, params (CaseAction Action, DateOnly On)[] steps) =>
        CaseOfAsync(app, Pool, title, acceptedOn, steps);

    public static async Task<Guid> CaseOfAsync(TianmuApp app, string entityName, string title, DateOnly acceptedOn, params (CaseAction Action, DateOnly On)[] steps)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var head = await db.Users.SingleAsync(u => u.UserName == "lx.head");
        var c = new Case(Guid.CreateVersion7(), new CaseOpening(entity.Id, title, CaseSource.OwnFinding, null, "执法人员发现", CaseProcedureKind.General, null, null, false),
            entity.AgencyId, entity.AgencyPath, PartyKind.Organisation, "黄磊", At(acceptedOn), acceptedOn);
        db.Cases.Add(c);
        db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, "Accept", CaseStage.Accepted, CaseStage.Accepted, head.Id, "黄磊", At(acceptedOn), null, "{}"));
        foreach (var name in new[] { "lx.officer1", "lx.officer2" })
        {
            var u = await db.Users.SingleAsync(x => x.UserName == name);
            db.CaseMembers.Add(new CaseMember(c.Id, u.Id, CaseMemberRole.Investigator, u.DisplayName, u.CredentialNumber, At(acceptedOn)));
        }

        foreach (var (action, on) in steps)
        {
            var from = c.Stage;
            switch (action)
            {
                case CaseAction.File:
                    c.RecordFiling(on, "health-2025");
                    c.MoveTo(CaseStage.Investigating, At(on));
                    break;
                case CaseAction.Decide:
                    c.RecordDecision(CaseOutcome.Penalty, new Penalty(true, 0m), on);
                    c.MoveTo(CaseStage.Decided, At(on));
                    break;
                case CaseAction.RecordService:
                    c.RecordService(on, "直接送达");
                    c.MoveTo(CaseStage.Served, At(on));
                    break;
            }

            db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, action.ToString(), from, c.Stage, head.Id, "陈静", At(on), null, "{}"));
        }

        await db.SaveChangesAsync();
        return c.Id;
    }

    /// <summary>A pushed clue for the pool's agency, received <paramref name="received"/>, due 5 days later; signed for and handled when given.</summary>
    public static async Task<Guid> ClueAsync(TianmuApp app, string externalId, DateTimeOffset received, DateTimeOffset? handled)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == Pool);
        var client = new PlatformClient(Guid.CreateVersion7(), entity.AgencyId, entity.AgencyPath, $"省平台-{externalId}", "cipher", received);
        db.PlatformClients.Add(client);
        var clue = new ProvincialClue(Guid.CreateVersion7(), client.Id, externalId, new ClueContent("群众投诉泳池水质", "投诉内容", entity.Name, entity.CreditCode), entity.AgencyId, entity.AgencyPath,
            entity.Id, received, received.AddDays(5));
        if (handled is { } h)
        {
            clue.Accept("黄磊", received.AddHours(2));
            clue.Handle("已核查处理", "黄磊", h);
        }

        db.ProvincialClues.Add(clue);
        await db.SaveChangesAsync();
        return clue.Id;
    }
}
