using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tianmu.Accountability;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Cases;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Accountability;

public sealed class DeadlineAlertOptions
{
    /// <summary>到期提醒 this many working days before a deadline (and on every day after, until it is met — once).</summary>
    public int ReminderWorkingDays { get; set; } = 2;
}

/// <summary>
/// Reminds a case's responsible people (<see cref="AgencyStaff.Responsible"/>) before each running deadline and
/// escalates a missed deadline of the agency's own steps (立案、决定、送达…; not the party's windows) to the
/// agency's heads (S18/Z21). Each alert is one <see cref="CaseDeadlineAlert"/> row, unique per case, kind, due
/// date and stage, committed with its staff messages in one transaction: exactly once, also across nodes.
/// </summary>
public sealed class DeadlineAlerts(TianmuDb db, CaseFactsReader reader, IOptions<DeadlineAlertOptions> options, TimeProvider clock, ILogger<DeadlineAlerts> log)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var calendar = await reader.CalendarAsync(ct);
        var open = await db.Cases.AsNoTracking()
            .Where(c => c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived && c.Stage != CaseStage.NotFiled && c.Stage != CaseStage.Transferred)
            .OrderBy(c => c.AcceptedOn).Take(DeadlineBoard.MaxCases).ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }

        var ids = open.Select(c => c.Id).ToList();
        var sent = (await db.CaseDeadlineAlerts.AsNoTracking().Where(a => ids.Contains(a.CaseId)).Select(a => new { a.CaseId, a.Kind, a.Due, a.Stage }).ToListAsync(ct))
            .Select(a => (a.CaseId, a.Kind, a.Due, a.Stage)).ToHashSet();
        var staff = await AgencyStaff.LoadAsync(db, [.. open.Select(c => c.AgencyId).Distinct()], ids, ct);
        var count = 0;
        foreach (var c in open)
        {
            var deadlines = CaseFactsReader.Running(c, calendar);
            foreach (var d in deadlines.Where(d => d.Due is not null))
            {
                var due = d.Due!.Value;
                AlertStage? stage = due < today
                    ? DeadlineDuties.IsPartyWindow(d.Kind) ? null : AlertStage.Escalated
                    : RemindNow(calendar, today, due) ? AlertStage.Reminded : null;
                if (stage is not { } s || sent.Contains((c.Id, d.Kind, due, s)))
                {
                    continue;
                }

                var to = s == AlertStage.Escalated ? staff.InRole(c.AgencyId, Role.Head) : staff.Responsible(c, d.Kind);
                if (await SendAsync(c, d, s, to, today, now, ct))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>From <see cref="DeadlineAlertOptions.ReminderWorkingDays"/> working days before the due date until it.</summary>
    private bool RemindNow(WorkingCalendar calendar, DateOnly today, DateOnly due)
    {
        try
        {
            return calendar.AddWorkingDays(today, options.Value.ReminderWorkingDays) >= due;
        }
        catch (DateOutsideCalendarException)
        {
            return false; // shown on the dashboard as a deadline without a date; nothing to remind of yet
        }
    }

    private async Task<bool> SendAsync(Case c, Deadline d, AlertStage stage, IReadOnlyList<DutyPerson> to, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var due = d.Due!.Value;
        db.CaseDeadlineAlerts.Add(new CaseDeadlineAlert(c.Id, d.Kind, due, stage, to.Count, now));
        var (kind, title, body) = Text(c, d, stage, today);
        foreach (var person in to.Where(p => p.Id is not null).DistinctBy(p => p.Id))
        {
            var source = $"case:{c.Id}:deadline:{d.Kind}:{due:yyyyMMdd}:{stage}:{person.Id}".ToLowerInvariant();
            db.Notifications.Add(Notification.ToStaff(Guid.CreateVersion7(), kind, person.Id!.Value, new NotificationAddress(c.EntityId, c.AgencyPath),
                new NotificationContent(source, title, body, $"/cases/{c.Id}"), now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another node sent this alert first: its messages stand, ours are dropped.
            log.LogInformation("Deadline alert {Stage} for case {CaseId} {Kind} already sent by another node", stage, c.Id, d.Kind);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static (NotificationKind Kind, string Title, string Body) Text(Case c, Deadline d, AlertStage stage, DateOnly today)
    {
        var due = d.Due!.Value.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        return stage == AlertStage.Reminded
            ? (NotificationKind.CaseDeadlineReminder, $"期限提醒：{c.Title}",
                $"案件“{c.Title}”的{d.Name}将于{due}届满（还有 {d.Due.Value.DayNumber - today.DayNumber} 日），依据：{d.Basis}。请及时办理。")
            : (NotificationKind.CaseDeadlineEscalated, $"逾期督办：{c.Title}",
                $"案件“{c.Title}”的{d.Name}已于{due}届满，至今未办理（已逾期 {today.DayNumber - d.Due.Value.DayNumber} 日），依据：{d.Basis}。"
                    + "请督促承办人员办理并说明情况（《山东省卫生健康非现场执法规范》第十八条、《浙江省卫生健康非现场行政执法工作办法》第二十一条）。");
    }
}

public sealed class DeadlineAlertJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<DeadlineAlertJob> log)
    : ScopedJob<DeadlineAlerts>(scopes, leases, clock, log)
{
    protected override string Name => "case-deadline-alerts";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task<int> RunAsync(DeadlineAlerts alerts, CancellationToken ct) => alerts.RunAsync(ct);
}
