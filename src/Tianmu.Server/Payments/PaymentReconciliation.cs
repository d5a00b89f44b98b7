using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Payments;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Payments;

public sealed record ReconciliationFilter(DateOnly? From, DateOnly? To, Guid? AgencyId);

public sealed record ReconciledPayment(
    Guid Id, DateOnly PaidOn, DateTimeOffset ReceivedAt, string AgencyName, Guid? CaseId, string? CaseTitle, string? EntityName, string Code, string TransactionId,
    decimal Amount, decimal Applied, decimal Unapplied, string? Channel, string? Flag, string? FlagName, string? FlagReason, PaymentResolutionView? Resolution,
    bool Unassigned)
{
    /// <summary>Flagged and not settled yet: on the "to reconcile" list.</summary>
    public bool ToReconcile => Flag is not null && Resolution is null;
}

public sealed record AgencyPaymentTotals(string AgencyName, int Payments, decimal Received, decimal Applied, decimal Unapplied, int Flagged, int OutstandingCases, decimal Outstanding);

public sealed record DayPaymentTotals(DateOnly Day, decimal Applied, decimal Unapplied);

public sealed record AgencyOption(Guid Id, string Name);

public sealed record OutstandingNotice(Guid CaseId, string CaseTitle, string EntityName, string AgencyName, string Code, DateOnly? DueOn, int DaysLate, decimal AmountDueToday);

/// <summary>The report on <see cref="Today"/> for payments made from <see cref="From"/> to <see cref="To"/> (payment dates, China time).</summary>
public sealed record ReconciliationView(
    DateOnly From, DateOnly To, DateOnly Today, string Scope, int Payments, decimal Received, decimal Applied, decimal Unapplied, int Flagged, int OutstandingCases, decimal Outstanding,
    IReadOnlyList<AgencyPaymentTotals> ByAgency, IReadOnlyList<DayPaymentTotals> ByDay, IReadOnlyList<ReconciledPayment> Items, IReadOnlyList<ReconciledPayment> FlaggedItems,
    IReadOnlyList<OutstandingNotice> OutstandingItems, IReadOnlyList<AgencyOption> Agencies);

/// <summary>
/// 缴款对账 per agency and period: every payment the platform reported in the caller's jurisdiction (date, case, code,
/// amount, platform transaction id), totals per agency, what is still owed today on served decisions, and the payments
/// waiting for reconciliation (overpaid, wrong stage, unmatched code) until staff settle them (<see cref="PaymentResolutions"/>);
/// settled ones leave <see cref="ReconciliationView.FlaggedItems"/> and stay in the items with their resolution. Unmatched
/// payments whose code names no agency are kept at the root and seen by platform administrators.
/// </summary>
public sealed class PaymentReconciliation(TianmuDb db, CalendarService calendars, TimeProvider clock)
{
    /// <summary>Payments read at most; the period filter keeps a report well below it.</summary>
    public const int MaxPayments = 20_000;

    public async Task<Result<ReconciliationView>> ReadAsync(CurrentUser caller, ReconciliationFilter filter, CancellationToken ct)
    {
        var today = clock.Today();
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(-29);
        if (from > to || to.DayNumber - from.DayNumber > 366)
        {
            return Error.Validation("from", "起止日期须先后有序，且不超过 366 天。");
        }

        var j = caller.Jurisdiction;
        var path = j.Everything ? "/" : j.AgencyPath;
        if (path is null)
        {
            return Error.Forbidden("payment.no_jurisdiction", "您没有管辖范围，不能查看缴款对账。");
        }

        var scope = "全部管辖范围";
        if (filter.AgencyId is { } agencyId)
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Path, a.Name }).FirstOrDefaultAsync(ct);
            if (agency is null || !j.Covers(agency.Path))
            {
                return Error.NotFound("机构");
            }

            (path, scope) = (agency.Path, agency.Name);
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.AgencyPath.StartsWith(path) && p.PaidOn >= from && p.PaidOn <= to)
            .OrderBy(p => p.PaidAt).Take(MaxPayments).ToListAsync(ct);
        var awaiting = await db.Cases.AsNoTracking().Where(c => c.AgencyPath.StartsWith(path) && c.Stage == CaseStage.Served)
            .Join(db.PaymentNotices, c => c.Id, n => n.CaseId, (c, n) => new { Case = c, n.Code }).ToListAsync(ct);

        var caseIds = payments.Select(p => p.CaseId).OfType<Guid>().Concat(awaiting.Select(a => a.Case.Id)).Distinct().ToList();
        var titles = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new { c.Title, c.EntityId }, ct);
        var entityIds = titles.Values.Select(t => t.EntityId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var inScope = await db.Agencies.AsNoTracking().In(j).OrderBy(a => a.Path).Select(a => new { a.Id, a.Path, a.Name }).ToListAsync(ct);
        var agencies = inScope.Where(a => a.Path.StartsWith(path, StringComparison.Ordinal)).ToDictionary(a => a.Path, a => a.Name);
        string AgencyOf(string p) => agencies.GetValueOrDefault(p) ?? "未能确定机构";

        var calendar = await calendars.LoadAsync(ct);
        var remedies = await CaseFactsReader.RemedyPeriodsAsync(db, [.. awaiting.Select(a => a.Case.Id)], ct);
        var outstanding = awaiting.Select(a =>
            {
                var (owed, _, due) = PaymentNotices.OwedOn(a.Case, calendar, [.. remedies[a.Case.Id]], today);
                return new OutstandingNotice(a.Case.Id, a.Case.Title, entities.GetValueOrDefault(a.Case.EntityId, ""), AgencyOf(a.Case.AgencyPath), a.Code, due,
                    due is { } d ? Math.Max(0, today.DayNumber - d.DayNumber) : 0, owed);
            })
            .Where(o => o.AmountDueToday > 0m).OrderByDescending(o => o.DaysLate).ThenBy(o => o.DueOn).ToList();

        var items = payments.Select(p =>
        {
            var c = p.CaseId is { } id ? titles.GetValueOrDefault(id) : null;
            return new ReconciledPayment(p.Id, p.PaidOn, p.ReceivedAt, AgencyOf(p.AgencyPath), p.CaseId, c?.Title, c is null ? null : entities.GetValueOrDefault(c.EntityId),
                p.Code, p.TransactionId, p.Amount, p.Applied, p.Unapplied, p.Channel, p.Flag?.ToString(), p.Flag?.ToChinese(), p.FlagReason, PaymentResolutionView.Of(p),
                p.AgencyPath == PaymentResolutions.Root);
        }).ToList();
        var byAgency = items.Select(i => i.AgencyName).Concat(outstanding.Select(o => o.AgencyName)).Distinct().Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var mine = items.Where(i => i.AgencyName == name).ToList();
                var owed = outstanding.Where(o => o.AgencyName == name).ToList();
                return new AgencyPaymentTotals(name, mine.Count, mine.Sum(i => i.Amount), mine.Sum(i => i.Applied), mine.Sum(i => i.Unapplied), mine.Count(i => i.ToReconcile),
                    owed.Count, owed.Sum(o => o.AmountDueToday));
            }).ToList();
        var byDay = items.GroupBy(i => i.PaidOn).OrderBy(g => g.Key).Select(g => new DayPaymentTotals(g.Key, g.Sum(i => i.Applied), g.Sum(i => i.Unapplied))).ToList();
        var flagged = items.Where(i => i.ToReconcile).ToList();
        return new ReconciliationView(
            from, to, today, scope, items.Count, items.Sum(i => i.Amount), items.Sum(i => i.Applied), items.Sum(i => i.Unapplied), flagged.Count,
            outstanding.Count, outstanding.Sum(o => o.AmountDueToday), byAgency, byDay, items, flagged, outstanding, [.. inScope.Select(a => new AgencyOption(a.Id, a.Name))]);
    }
}
