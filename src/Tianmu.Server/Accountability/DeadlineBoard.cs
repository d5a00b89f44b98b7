using Microsoft.EntityFrameworkCore;
using Tianmu.Accountability;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Cases;
using Tianmu.Server.Service;
using Tianmu.Service;

namespace Tianmu.Server.Accountability;

public sealed record PersonRef(Guid? Id, string Name);

/// <summary>
/// One running deadline of an open case — or of a published decision to withdraw (<see cref="DeadlineBoard.WithdrawalKind"/>;
/// <see cref="CaseId"/> then the decision's case, if any) — with the people who answer for it and the page to act on.
/// </summary>
public sealed record DeadlineRow(
    Guid? CaseId, string CaseTitle, string EntityName, Guid AgencyId, string AgencyName, string StageName, string Kind, string Name, DateOnly? Due,
    int? DaysLeft, bool Overdue, bool PartyWindow, string Basis, string? Problem, IReadOnlyList<PersonRef> Responsible, string Link);

public sealed record CountRow(Guid? Id, string Name, int Count);

/// <summary>
/// The deadline dashboard: the deadlines in <see cref="Scope"/>, those without a date (a calendar year not loaded —
/// listed, never hidden), counts per officer and agency, and how many fall in each tab.
/// </summary>
public sealed record DeadlineBoardView(
    string Scope, DateOnly Today, IReadOnlyList<DeadlineRow> Items, IReadOnlyList<DeadlineRow> Undated,
    IReadOnlyList<CountRow> ByOfficer, IReadOnlyList<CountRow> ByAgency, int DueToday, int DueThisWeek, int OverdueCount);

public sealed record DeadlineFilter(string? Scope, Guid? AgencyId, Guid? OfficerId);

/// <summary>
/// 期限看板: every running deadline of the jurisdiction's open cases (<see cref="CaseDeadlines"/>, only those still
/// running at the case's stage), due today, within 7 days (本周到期: today and the 6 days after) or overdue — and the
/// published decisions changed since and not yet withdrawn (art. 48 para. 2: within 3 working days), whose case is
/// usually closed by then.
/// </summary>
public sealed class DeadlineBoard(TianmuDb db, CaseDesk cases, CaseFactsReader reader, DecisionPublications publications, TimeProvider clock)
{
    /// <summary>The <see cref="DeadlineRow.Kind"/> of a publication to withdraw.</summary>
    public const string WithdrawalKind = "PublicationWithdrawal";

    public static readonly IReadOnlyDictionary<string, string> Scopes = new Dictionary<string, string>
    {
        ["today"] = "今日到期",
        ["week"] = "本周到期",
        ["overdue"] = "已逾期",
    };

    /// <summary>Open cases looked at, at most; far more than one jurisdiction runs at once.</summary>
    public const int MaxCases = 5000;

    public async Task<Result<DeadlineBoardView>> ReadAsync(CurrentUser caller, DeadlineFilter filter, CancellationToken ct)
    {
        var scope = filter.Scope ?? "today";
        if (!Scopes.ContainsKey(scope))
        {
            return Error.Validation("scope", "scope 须为 today（今日到期）、week（本周到期）或 overdue（已逾期）。");
        }

        var query = cases.Scoped(caller).AsNoTracking()
            .Where(c => c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived && c.Stage != CaseStage.NotFiled && c.Stage != CaseStage.Transferred);
        if (filter.AgencyId is { } agencyId)
        {
            var path = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Path).FirstOrDefaultAsync(ct);
            if (path is null || !caller.Jurisdiction.Covers(path))
            {
                return Error.NotFound("机构");
            }

            query = query.Where(c => c.AgencyPath.StartsWith(path));
        }

        var open = await query.OrderBy(c => c.AcceptedOn).Take(MaxCases).ToListAsync(ct);
        var all = await RowsAsync(open, ct);
        all.AddRange(await WithdrawalsAsync(caller, filter.AgencyId is null ? null : await db.Agencies.Where(a => a.Id == filter.AgencyId).Select(a => a.Path).FirstAsync(ct), ct));
        if (filter.OfficerId is { } officer)
        {
            all = [.. all.Where(r => r.Responsible.Any(p => p.Id == officer))];
        }

        var today = clock.Today();
        var dated = all.Where(r => r.Due is not null).ToList();
        var items = dated.Where(r => InScope(scope, r.Due!.Value, today)).OrderBy(r => r.Due).ThenBy(r => r.CaseTitle).ToList();
        var byOfficer = items.SelectMany(r => r.Responsible).GroupBy(p => (p.Id, p.Name)).Select(g => new CountRow(g.Key.Id, g.Key.Name, g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name).ToList();
        var byAgency = items.GroupBy(r => (r.AgencyId, r.AgencyName)).Select(g => new CountRow(g.Key.AgencyId, g.Key.AgencyName, g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name).ToList();
        return new DeadlineBoardView(scope, today, items, [.. all.Where(r => r.Due is null)], byOfficer, byAgency,
            dated.Count(r => InScope("today", r.Due!.Value, today)), dated.Count(r => InScope("week", r.Due!.Value, today)), dated.Count(r => InScope("overdue", r.Due!.Value, today)));
    }

    public static bool InScope(string scope, DateOnly due, DateOnly today) => scope switch
    {
        "today" => due == today,
        "week" => due >= today && due.DayNumber - today.DayNumber <= 6,
        _ => due < today,
    };

    private async Task<List<DeadlineRow>> RowsAsync(List<Case> open, CancellationToken ct)
    {
        if (open.Count == 0)
        {
            return [];
        }

        var today = clock.Today();
        var calendar = await reader.CalendarAsync(ct);
        var staff = await AgencyStaff.LoadAsync(db, [.. open.Select(c => c.AgencyId).Distinct()], [.. open.Select(c => c.Id)], ct);
        var entityIds = open.Select(c => c.EntityId).Distinct().ToList();
        var agencyIds = open.Select(c => c.AgencyId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. open.SelectMany(c => CaseFactsReader.Running(c, calendar).Select(d => new DeadlineRow(
            c.Id, c.Title, entities.GetValueOrDefault(c.EntityId, ""), c.AgencyId, agencies.GetValueOrDefault(c.AgencyId, ""), c.Stage.ToChinese(), d.Kind.ToString(), d.Name, d.Due,
            d.Due is { } due ? due.DayNumber - today.DayNumber : null, d.Due is { } x && x < today, DeadlineDuties.IsPartyWindow(d.Kind), d.Basis, d.Problem,
            [.. staff.Responsible(c, d.Kind).Select(p => new PersonRef(p.Id, p.Name))], $"/cases/{c.Id}")))];
    }

    /// <summary>Changed decisions still published: the agency's heads withdraw them (the endpoint is theirs).</summary>
    private async Task<List<DeadlineRow>> WithdrawalsAsync(CurrentUser caller, string? agencyPath, CancellationToken ct)
    {
        var query = publications.Scoped(caller).AsNoTracking().Where(p => p.WithdrawBy != null && p.WithdrawnAt == null);
        var pending = await (agencyPath is null ? query : query.Where(p => p.AgencyPath.StartsWith(agencyPath))).OrderBy(p => p.WithdrawBy).Take(MaxCases).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return [];
        }

        var today = clock.Today();
        var staff = await AgencyStaff.LoadAsync(db, [.. pending.Select(p => p.AgencyId).Distinct()], [], ct);
        return [.. pending.Select(p => new DeadlineRow(
            p.CaseId, $"公开的处罚决定 {p.Number}", p.Party, p.AgencyId, p.AgencyName, $"已公开，决定已{p.Change?.ToChinese()}", WithdrawalKind, "撤回公开的处罚决定",
            p.WithdrawBy, p.WithdrawBy!.Value.DayNumber - today.DayNumber, p.WithdrawBy < today, false, PublicationRules.WithdrawalPeriod.Basis, null,
            [.. staff.InRole(p.AgencyId, Role.Head).Select(x => new PersonRef(x.Id, x.Name))], "/publications"))];
    }
}
