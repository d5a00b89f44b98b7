using Microsoft.EntityFrameworkCore;
using Tianmu.Accountability;
using Tianmu.Cases;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Cases;
using Tianmu.Warnings;

namespace Tianmu.Server.Accountability;

public sealed record DutyPeriodView(
    string Step, string Basis, string WhoCould, IReadOnlyList<PersonRef> People, DateTimeOffset From, DateTimeOffset? By, DateTimeOffset? ActedAt, string? ActedBy,
    string State, string StateName, string? Problem);

public sealed record TimelineEntry(DateTimeOffset At, string What, string? Who);

/// <summary>One warning, clue or case with its duty periods, its timeline and the verdict (flagged / 依法履职（免责） / 办理中).</summary>
public sealed record DutyItemView(
    string Kind, string KindName, Guid Id, string Title, string EntityName, Guid AgencyId, string AgencyName, string Link, DateTimeOffset Start,
    string Verdict, string VerdictName, IReadOnlyList<DutyPeriodView> Periods, IReadOnlyList<TimelineEntry> Timeline);

public sealed record PersonTally(Guid? UserId, string Name, int Items, int Flagged, int Overdue, int Late, int Compliant);

public sealed record AgencyTally(Guid AgencyId, string Name, int Items, int Flagged, int Overdue, int Late, int Compliant, int InProgress);

public sealed record AccountabilityView(
    DateOnly From, DateOnly To, string? Kind, int Total, int Flagged, int Compliant, int InProgress,
    IReadOnlyList<PersonTally> ByOfficer, IReadOnlyList<AgencyTally> ByAgency, IReadOnlyList<DutyItemView> Items);

public sealed record AccountabilityFilter(DateOnly? From, DateOnly? To, Guid? AgencyId, Guid? OfficerId, string? Kind);

/// <summary>
/// 责任追究与免责 (S18/S19, Z21/Z22): for each warning, provincial clue and case that started in the period in the
/// caller's jurisdiction, who could act, from when, by when, and what was done; items past a limit with no action
/// or acted on late are flagged against the people who could act and their agency; items whose every limited step
/// was done in time are marked 依法履职（免责）.
/// </summary>
public sealed class AccountabilityReport(TianmuDb db, CaseDesk cases, CaseFactsReader reader, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["warning"] = "预警",
        ["clue"] = "省级平台线索",
        ["case"] = "案件",
    };

    /// <summary>Items of each kind read at most; the period filter keeps a report well below it.</summary>
    public const int MaxPerKind = 3000;

    public async Task<Result<AccountabilityView>> ReadAsync(CurrentUser caller, AccountabilityFilter filter, CancellationToken ct)
    {
        var today = clock.Today();
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(-89);
        if (from > to || to.DayNumber - from.DayNumber > 366)
        {
            return Error.Validation("from", "起止日期须先后有序，且不超过 366 天。");
        }

        if (filter.Kind is { } k && !Kinds.ContainsKey(k))
        {
            return Error.Validation("kind", "kind 须为 warning（预警）、clue（省级平台线索）或 case（案件）。");
        }

        var j = caller.Jurisdiction;
        var path = j.Everything ? "/" : j.AgencyPath;
        if (path is null)
        {
            return Error.Forbidden("accountability.no_jurisdiction", "您没有管辖范围，不能查看履职情况。");
        }

        if (filter.AgencyId is { } agencyId)
        {
            var agencyPath = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Path).FirstOrDefaultAsync(ct);
            if (agencyPath is null || !j.Covers(agencyPath))
            {
                return Error.NotFound("机构");
            }

            path = agencyPath;
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var warnings = filter.Kind is null or "warning"
            ? await db.Warnings.AsNoTracking().Where(w => w.AgencyPath.StartsWith(path) && w.CreatedAt >= start && w.CreatedAt < end)
                .OrderByDescending(w => w.CreatedAt).Take(MaxPerKind).ToListAsync(ct)
            : [];
        var clues = filter.Kind is null or "clue"
            ? await db.ProvincialClues.AsNoTracking().Where(c => c.AgencyPath.StartsWith(path) && c.ReceivedAt >= start && c.ReceivedAt < end)
                .OrderByDescending(c => c.ReceivedAt).Take(MaxPerKind).ToListAsync(ct)
            : [];
        var caseRows = filter.Kind is null or "case"
            ? await cases.Scoped(caller).AsNoTracking().Where(c => c.AgencyPath.StartsWith(path) && c.AcceptedAt >= start && c.AcceptedAt < end)
                .OrderByDescending(c => c.AcceptedAt).Take(MaxPerKind).ToListAsync(ct)
            : [];

        var agencyIds = warnings.Select(w => w.AgencyId).Concat(clues.Select(c => c.AgencyId)).Concat(caseRows.Select(c => c.AgencyId)).Distinct().ToList();
        var caseIds = caseRows.Select(c => c.Id).ToList();
        var staff = await AgencyStaff.LoadAsync(db, agencyIds, caseIds, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var entityIds = warnings.Select(w => w.EntityId).Concat(caseRows.Select(c => c.EntityId)).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var events = caseIds.Count == 0 ? [] : await db.CaseEvents.AsNoTracking().Where(e => caseIds.Contains(e.CaseId)).ToListAsync(ct);
        var eventsByCase = events.ToLookup(e => e.CaseId);
        var calendar = await reader.CalendarAsync(ct);
        var now = clock.GetUtcNow();

        var items = new List<(DutyItemView View, IReadOnlyList<DutyPeriod> Periods, DutyVerdict Verdict)>();
        foreach (var w in warnings)
        {
            var periods = DutyPeriods.ForWarning(w, staff.InRole(w.AgencyId, Role.Officer));
            items.Add(Item("warning", w.Id, w.RuleName, entities.GetValueOrDefault(w.EntityId, ""), w.AgencyId, agencies, $"/warnings/{w.Id}", w.CreatedAt, periods, WarningTimeline(w), now));
        }

        foreach (var c in clues)
        {
            var periods = DutyPeriods.ForClue(c, staff.InRole(c.AgencyId, Role.Officer));
            items.Add(Item("clue", c.Id, c.Title, c.EntityName ?? "", c.AgencyId, agencies, "/clues", c.ReceivedAt, periods, ClueTimeline(c), now));
        }

        foreach (var c in caseRows)
        {
            var history = new CaseHistory(c, [.. eventsByCase[c.Id]], staff.Investigators(c.Id), staff.InRole(c.AgencyId, Role.Head));
            var periods = DutyPeriods.ForCase(history, CaseFactsReader.PolicyOf(c), calendar);
            var timeline = history.Events.OrderBy(e => e.At).Select(e => new TimelineEntry(e.At, CaseText.ActionName(e.Action) + (e.Note is null ? "" : $"（{e.Note}）"), e.ActorName)).ToList();
            items.Add(Item("case", c.Id, c.Title, entities.GetValueOrDefault(c.EntityId, ""), c.AgencyId, agencies, $"/cases/{c.Id}", c.AcceptedAt, periods, timeline, now));
        }

        if (filter.OfficerId is { } officer)
        {
            items = [.. items.Where(i => i.Periods.Any(p => p.People.Any(x => x.Id == officer)))];
        }

        return new AccountabilityView(
            from, to, filter.Kind, items.Count, items.Count(i => i.Verdict == DutyVerdict.Flagged), items.Count(i => i.Verdict == DutyVerdict.Compliant),
            items.Count(i => i.Verdict == DutyVerdict.InProgress), ByOfficer(items, now), ByAgency(items, now),
            [.. items.OrderBy(i => i.Verdict).ThenByDescending(i => i.View.Start).Select(i => i.View)]);
    }

    private static (DutyItemView, IReadOnlyList<DutyPeriod>, DutyVerdict) Item(
        string kind, Guid id, string title, string entity, Guid agencyId, Dictionary<Guid, string> agencies, string link, DateTimeOffset start,
        IReadOnlyList<DutyPeriod> periods, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now)
    {
        var verdict = DutyJudgement.Verdict(periods, now);
        var views = periods.Select(p =>
        {
            var state = p.StateAt(now);
            return new DutyPeriodView(p.Step, p.Basis, p.WhoCould, [.. p.People.Select(x => new PersonRef(x.Id, x.Name))], p.From, p.By, p.ActedAt, p.ActedBy,
                state.ToString(), state.ToChinese(), p.Problem);
        }).ToList();
        return (new DutyItemView(kind, Kinds[kind], id, title, entity, agencyId, agencies.GetValueOrDefault(agencyId, ""), link, start, verdict.ToString(), verdict.ToChinese(), views, timeline),
            periods, verdict);
    }

    /// <summary>Each person counts an item once; a flag counts against everyone who could take a late or missed step.</summary>
    private static List<PersonTally> ByOfficer(List<(DutyItemView View, IReadOnlyList<DutyPeriod> Periods, DutyVerdict Verdict)> items, DateTimeOffset now)
    {
        var tallies = new Dictionary<(Guid?, string), int[]>();
        foreach (var (_, periods, verdict) in items)
        {
            var people = periods.SelectMany(p => p.People).Distinct().ToList();
            foreach (var person in people)
            {
                var mine = periods.Where(p => p.People.Contains(person)).Select(p => p.StateAt(now)).ToList();
                var t = tallies.TryGetValue((person.Id, person.Name), out var x) ? x : tallies[(person.Id, person.Name)] = new int[5];
                t[0]++;
                t[1] += mine.Any(s => s is DutyState.Late or DutyState.Overdue) ? 1 : 0;
                t[2] += mine.Contains(DutyState.Overdue) ? 1 : 0;
                t[3] += mine.Contains(DutyState.Late) ? 1 : 0;
                t[4] += verdict == DutyVerdict.Compliant ? 1 : 0;
            }
        }

        return [.. tallies.Select(kv => new PersonTally(kv.Key.Item1, kv.Key.Item2, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4]))
            .OrderByDescending(t => t.Flagged).ThenBy(t => t.Name)];
    }

    private static List<AgencyTally> ByAgency(List<(DutyItemView View, IReadOnlyList<DutyPeriod> Periods, DutyVerdict Verdict)> items, DateTimeOffset now) =>
        [.. items.GroupBy(i => (i.View.AgencyId, i.View.AgencyName)).Select(g => new AgencyTally(
            g.Key.AgencyId, g.Key.AgencyName, g.Count(), g.Count(i => i.Verdict == DutyVerdict.Flagged),
            g.Count(i => i.Periods.Any(p => p.StateAt(now) == DutyState.Overdue)), g.Count(i => i.Periods.Any(p => p.StateAt(now) == DutyState.Late)),
            g.Count(i => i.Verdict == DutyVerdict.Compliant), g.Count(i => i.Verdict == DutyVerdict.InProgress)))
            .OrderByDescending(t => t.Flagged).ThenBy(t => t.Name)];

    private static List<TimelineEntry> WarningTimeline(Warning w)
    {
        var list = new List<TimelineEntry> { new(w.CreatedAt, $"产生预警（签收时限 {ChinaTime.Format(w.RespondBy)}）", "系统") };
        if (w.SignedForAt is { } s)
        {
            list.Add(new(s, "签收", w.AssigneeName));
        }

        if (w.EscalatedAt is { } e)
        {
            list.Add(new(e, "超过签收时限未签收，已上报机构负责人", "系统"));
        }

        if (w.LastResponseAt is { } r)
        {
            list.Add(new(r, "当事人答复", null));
        }

        if (w.Status.IsClosed() && w.UpdatedAt is { } u)
        {
            list.Add(new(u, w.Status.ToChinese(), w.HandledBy));
        }

        return [.. list.OrderBy(x => x.At)];
    }

    private static List<TimelineEntry> ClueTimeline(ProvincialClue c)
    {
        var list = new List<TimelineEntry> { new(c.ReceivedAt, $"接收省级平台推送（办理期限 {ChinaTime.Format(c.Deadline)}）", "省级平台") };
        if (c.AcceptedAt is { } a)
        {
            list.Add(new(a, "签收", c.AcceptedBy));
        }

        if (c.EscalatedAt is { } e)
        {
            list.Add(new(e, "超过办理期限未办结，已上报机构负责人", "系统"));
        }

        if (c.HandledAt is { } h)
        {
            list.Add(new(h, $"办结：{c.Result}", c.HandledBy));
        }

        return [.. list.OrderBy(x => x.At)];
    }
}
