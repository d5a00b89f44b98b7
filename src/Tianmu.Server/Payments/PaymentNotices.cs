using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Notifications;
using Tianmu.Payments;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Payments;

/// <summary>
/// 缴款通知: issues the notice of each served decision that orders a sum paid — its payment code, and a portal
/// message and SMS to the party in the same transaction — and shows notices with the amount due on the day.
/// Issued by a background round shortly after service, and at once whenever a reader needs a notice that is
/// not there yet (the party opening its payments): whichever comes first; the unique case id makes it once.
/// </summary>
public sealed class PaymentNotices(TianmuDb db, Notifier notifier, CalendarService calendars, CaseDesk cases, AuditScope audit, TimeProvider clock, ILogger<PaymentNotices> log)
{
    /// <summary>Notices issued per round at most; the rest follow in the next round.</summary>
    public const int Batch = 200;

    /// <summary>Issues the notices still missing among <paramref name="scope"/>'s served decisions; returns how many.</summary>
    public async Task<int> IssueAsync(IQueryable<Case> scope, CancellationToken ct)
    {
        var pending = await scope.AsNoTracking()
            .Where(c => c.Stage == CaseStage.Served && c.DecidedOutcome == CaseOutcome.Penalty && (c.DecidedFine != 0m || c.DecidedConfiscation != 0m))
            .Where(c => !db.PaymentNotices.Any(n => n.CaseId == c.Id))
            .OrderBy(c => c.UpdatedAt).Take(Batch).ToListAsync(ct);
        var issued = 0;
        foreach (var c in pending)
        {
            issued += await IssueAsync(c, ct) ? 1 : 0;
        }

        return issued;
    }

    /// <summary>A background round: every served decision still without a notice.</summary>
    public Task<int> IssueAllAsync(CancellationToken ct) => IssueAsync(db.Cases, ct);

    /// <summary>The notice of a case in the caller's jurisdiction, issued first if due (staff case page and API).</summary>
    public async Task<Result<PaymentNoticeView?>> ForCaseAsync(CurrentUser caller, Guid caseId, CancellationToken ct)
    {
        var scoped = cases.Scoped(caller).Where(c => c.Id == caseId);
        if (!await scoped.AnyAsync(ct))
        {
            return Error.NotFound("案件");
        }

        await IssueAsync(scoped, ct);
        return (await ViewsAsync(db.PaymentNotices.Where(n => n.CaseId == caseId), 1, ct)).FirstOrDefault();
    }

    /// <summary>Notices with their cases' state on today's date, newest first.</summary>
    public async Task<IReadOnlyList<PaymentNoticeView>> ViewsAsync(IQueryable<PaymentNotice> notices, int take, CancellationToken ct)
    {
        var list = await notices.AsNoTracking().OrderByDescending(n => n.IssuedAt).Take(take).ToListAsync(ct);
        if (list.Count == 0)
        {
            return [];
        }

        var caseIds = list.Select(n => n.CaseId).ToList();
        var byId = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var entityIds = list.Select(n => n.EntityId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var agencyIds = list.Select(n => n.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var decisions = (await db.Documents.AsNoTracking()
                .Where(d => d.CaseId != null && caseIds.Contains(d.CaseId.Value) && d.Status == DocumentStatus.Issued
                    && (d.Type == DocumentType.PenaltyDecision || d.Type == DocumentType.OnTheSpotDecision))
                .Select(d => new { CaseId = d.CaseId!.Value, d.Number }).ToListAsync(ct))
            .ToLookup(d => d.CaseId, d => d.Number);
        var deferrals = (await db.CaseEvents.AsNoTracking().Where(e => caseIds.Contains(e.CaseId) && e.Action == nameof(CaseAction.DeferPayment))
                .Select(e => new { e.CaseId, e.Note, e.At }).ToListAsync(ct))
            .ToLookup(e => e.CaseId);
        var remedies = await db.CaseRemedies.AsNoTracking().Where(r => caseIds.Contains(r.CaseId)).OrderBy(r => r.StartedOn).ToListAsync(ct);
        // A case's payments: those reported on its code, and flagged ones staff credited to it by hand.
        var reported = await db.Payments.AsNoTracking()
            .Where(p => (p.CaseId != null && caseIds.Contains(p.CaseId.Value)) || (p.ResolvedCaseId != null && caseIds.Contains(p.ResolvedCaseId.Value))).ToListAsync(ct);
        var payments = reported.SelectMany(p => new[] { p.CaseId, p.ResolvedCaseId }.OfType<Guid>().Distinct().Select(id => (id, p))).ToLookup(x => x.id, x => x.p);
        var calendar = await calendars.LoadAsync(ct);
        var today = clock.Today();
        return [.. list.Select(n => View(n, byId[n.CaseId], calendar, today, entities.GetValueOrDefault(n.EntityId, ""), agencies.GetValueOrDefault(n.AgencyId, ""),
            decisions[n.CaseId].FirstOrDefault(), deferrals[n.CaseId].OrderBy(e => e.At).LastOrDefault()?.Note, payments[n.CaseId],
            [.. remedies.Where(r => r.CaseId == n.CaseId)]))];
    }

    /// <summary>
    /// What a case owed on <paramref name="on"/>: all of it (fine, confiscation, surcharge, less paid) and the surcharge alone,
    /// which does not run during the review and litigation <paramref name="remedies"/> (art. 73 ¶3).
    /// </summary>
    public static (decimal Owed, decimal Surcharge, DateOnly? Due) OwedOn(Case c, WorkingCalendar calendar, IReadOnlyList<RemedyPeriod> remedies, DateOnly on)
    {
        var policy = CaseFactsReader.PolicyOf(c);
        var deadlines = CaseFactsReader.Deadlines(c, calendar);
        var due = deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Payment)?.Due;
        var surcharge = due is { } d && on > d ? LateFees.Surcharge(policy, c.DecidedFine, d, on, remedies) : 0m;
        return (CaseFactsReader.Outstanding(c, policy, deadlines, remedies, on), surcharge, due);
    }

    public static PaymentView View(Payment p) => new(
        p.Id, p.TransactionId, p.Code, p.Amount, p.Applied, p.Surcharge, p.OutstandingAfter, p.PaidAt, p.PaidOn, p.ReceivedAt, p.Channel,
        p.Flag?.ToString(), p.Flag?.ToChinese(), p.FlagReason, PaymentResolutionView.Of(p));

    private static PaymentNoticeView View(
        PaymentNotice n, Case c, WorkingCalendar calendar, DateOnly today, string entity, string agency, string? decision, string? deferral, IEnumerable<Payment> payments,
        IReadOnlyList<CaseRemedy> remedies)
    {
        var awaiting = c.Stage == CaseStage.Served;
        var (owed, surcharge, due) = OwedOn(c, calendar, [.. remedies.Select(r => r.Period)], today);
        var problem = CaseFactsReader.Deadlines(c, calendar).FirstOrDefault(d => d.Kind == DeadlineKind.Payment)?.Problem;
        return new PaymentNoticeView(
            c.Id, n.Code, c.Title, decision, n.EntityId, entity, agency, n.Fine, n.Confiscation, due, problem, c.PaymentDeferredTo is not null, deferral, today,
            awaiting && due is { } d ? Math.Max(0, today.DayNumber - d.DayNumber) : 0, awaiting ? surcharge : 0m, c.AmountPaid, awaiting ? owed : 0m,
            c.Stage.ToString(), c.Stage.ToChinese(), awaiting, n.IssuedAt,
            [.. payments.OrderByDescending(p => p.PaidAt).Select(View)],
            [.. remedies.Select(r => new RemedyPeriodView(r.Kind.ToString(), r.Kind.ToChinese(), r.Body, r.StartedOn, r.EndedOn))],
            awaiting && due is { } late ? LateFees.LateDays(late, today, [.. remedies.Select(r => r.Period)]) : 0);
    }

    private async Task<bool> IssueAsync(Case c, CancellationToken ct)
    {
        var entity = await db.Entities.AsNoTracking().Where(e => e.Id == c.EntityId).Select(e => new { e.Name, e.ContactPhoneCipher }).SingleAsync(ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == c.AgencyId).Select(a => new { a.Name, a.DivisionCode }).SingleAsync(ct);
        var now = clock.GetUtcNow();
        var notice = new PaymentNotice(Guid.CreateVersion7(), c.Id, c.EntityId, c.AgencyId, c.AgencyPath, PaymentCode.New(agency.DivisionCode, ChinaTime.DateOf(now).Year),
            c.DecidedFine, c.DecidedConfiscation, now);
        var due = OwedOn(c, await calendars.LoadAsync(ct), [], clock.Today()).Due; // the last day to pay; no surcharge is shown here
        db.PaymentNotices.Add(notice);
        notifier.Queue(new NotificationAddress(c.EntityId, c.AgencyPath), NotificationKind.PaymentNotice, PaymentTexts.Notice(c, notice, entity.Name, agency.Name, due),
            new NotificationRecipients(Portal: true, PhoneCipher: entity.ContactPhoneCipher), now, PaymentTexts.NoticeSms(notice, entity.Name, agency.Name, due));
        audit.Action = "payment_notice.issued";
        try
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Payment notice {Code} issued for case {CaseId}", notice.Code, c.Id);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another node or request issued it first (or, rarely, the random code was taken: the next round draws another).
            db.ChangeTracker.Clear();
            return false;
        }
        finally
        {
            audit.Action = null;
        }
    }
}
