using Microsoft.EntityFrameworkCore;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Evidence;

namespace Tianmu.Server.Cases;

/// <summary>Everything the procedure rules judge a case by, read from the case and its records.</summary>
public sealed record CaseSituation(
    Case Case, ProcedurePolicy Policy, WorkingCalendar Calendar, CaseFacts Facts, CaseActor Actor, DateOnly Today, IReadOnlyList<Deadline> Deadlines, IReadOnlyList<CaseMember> Members,
    IReadOnlyList<CaseRemedy> Remedies)
{
    /// <summary>The review and litigation periods the surcharge skips (art. 73 ¶3).</summary>
    public IReadOnlyList<RemedyPeriod> RemedyPeriods => [.. Remedies.Select(r => r.Period)];
}

/// <summary>
/// Gathers <see cref="CaseFacts"/> and the caller's <see cref="CaseActor"/> for a case: members and
/// credentials (art. 42), issued documents, evidence reliance (art. 41), unreviewed statements (art. 45),
/// the amount still owed with its surcharge (art. 72), and the running deadlines.
/// </summary>
public sealed class CaseFactsReader(TianmuDb db, CalendarService calendars, TimeProvider clock)
{
    public Task<CaseSituation> ReadAsync(Case c, CurrentUser caller, CancellationToken ct) =>
        ReadAsync(c, members => ActorAsync(c, caller, members, ct), ct);

    /// <summary>The situation as the platform sees it when it records a step by itself (<see cref="CaseActor.Platform"/>).</summary>
    public Task<CaseSituation> ReadForPlatformAsync(Case c, CancellationToken ct) => ReadAsync(c, _ => Task.FromResult(CaseActor.Platform), ct);

    private async Task<CaseSituation> ReadAsync(Case c, Func<List<CaseMember>, Task<CaseActor>> actorOf, CancellationToken ct)
    {
        var today = clock.Today();
        var policy = PolicyOf(c);
        var calendar = await calendars.LoadAsync(ct);
        var members = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == c.Id).OrderBy(m => m.AddedAt).ToListAsync(ct);
        var evidence = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == c.Id).Select(e => e.ItemId).ToListAsync(ct);
        var reliance = await EvidenceReviewDesk.RelianceAsync(db, evidence, ct);
        var unreviewed = await db.CaseStatements.CountAsync(s => s.CaseId == c.Id && s.ReviewedAt == null, ct);
        var deadlines = Deadlines(c, calendar);
        var remedies = await db.CaseRemedies.AsNoTracking().Where(r => r.CaseId == c.Id).OrderBy(r => r.StartedOn).ToListAsync(ct);
        var facts = new CaseFacts
        {
            Procedure = c.Procedure,
            Stage = c.Stage,
            Party = c.Party,
            AcceptedOn = c.AcceptedOn,
            FiledOn = c.FiledOn,
            CredentialedInvestigators = members.Count(m => m.Role == CaseMemberRole.Investigator && !string.IsNullOrWhiteSpace(m.CredentialNumber)),
            ReportWritten = !string.IsNullOrWhiteSpace(c.Report),
            ProposedOutcome = c.ProposedOutcome,
            ProposedPenalty = c.ProposedPenalty,
            LegalReviewRequired = c.LegalReviewRequired,
            LegalReviewPassed = c.LegalReviewPassed,
            LegalReviewAfterHearingPassed = c.LegalReviewAfterHearingPassed,
            PreservationOpen = c.PreservedOn is not null,
            DiscussionRequired = c.DiscussionRequired,
            DiscussionRecorded = c.DiscussionRecorded,
            NoticeServedOn = c.NoticeServedOn,
            RightsWaived = c.RightsWaived,
            HearingRequestedOn = c.HearingRequestedOn,
            HearingDate = c.HearingDate,
            HearingHeld = c.HearingHeld,
            UnreviewedStatements = unreviewed,
            UnreviewedEvidence = evidence.Count == 0 ? 0 : reliance.NotReviewed.Count + reliance.Failed.Count + reliance.Expired.Count + reliance.Unknown.Count,
            IssuedDocuments = await IssuedDocumentsAsync(c.Id, ct),
            DecidedPenalty = c.DecidedPenalty,
            DecidedOn = c.DecidedOn,
            ServedOn = c.ServedOn,
            AmountOutstanding = Outstanding(c, policy, deadlines, [.. remedies.Select(r => r.Period)], today),
            Suspended = c.SuspendedSince is not null,
            RemedyOpenSince = remedies.FirstOrDefault(r => r.EndedOn is null)?.StartedOn,
            LastRemedyEndedOn = remedies.Max(r => r.EndedOn),
        };
        return new CaseSituation(c, policy, calendar, facts, await actorOf(members), today, deadlines, members, remedies);
    }

    public Task<WorkingCalendar> CalendarAsync(CancellationToken ct) => calendars.LoadAsync(ct);

    /// <summary>The policy fixed at filing; before filing, the one in force on the acceptance date.</summary>
    public static ProcedurePolicy PolicyOf(Case c) =>
        c.PolicyVersion is { } v && ProcedurePolicies.All.FirstOrDefault(p => p.Version == v) is { } fixedAt ? fixedAt : ProcedurePolicies.For(c.FiledOn ?? c.AcceptedOn);

    /// <summary>
    /// The deadlines still running at the case's stage (a met deadline is not "next"; waived rights and a
    /// suspension stop theirs) — for the list badge, the deadline board and the reminders alike.
    /// </summary>
    public static IEnumerable<Deadline> Running(Case c, WorkingCalendar calendar) => Deadlines(c, calendar).Where(d => d.Kind switch
    {
        DeadlineKind.Filing => c.Stage == CaseStage.Accepted,
        DeadlineKind.Decision => c.DecidedOn is null && c.SuspendedSince is null,
        DeadlineKind.Statement or DeadlineKind.HearingRequest => c.Stage == CaseStage.Notified && !c.RightsWaived,
        DeadlineKind.Service => c.Stage == CaseStage.Decided,
        DeadlineKind.Payment => c.Stage == CaseStage.Served,
        _ => true,
    });

    /// <summary>Every deadline the case's dates give, by the policy it follows.</summary>
    public static IReadOnlyList<Deadline> Deadlines(Case c, WorkingCalendar calendar) => CaseDeadlines.Compute(PolicyOf(c), calendar, Dates(c));

    public static CaseDates Dates(Case c) => new()
    {
        AcceptedOn = c.AcceptedOn,
        FiledOn = c.FiledOn,
        PreservedOn = c.PreservedOn,
        NoticeServedOn = c.NoticeServedOn,
        HearingNoticedOn = c.HearingNoticedOn,
        DecidedOn = c.DecidedOn,
        DecisionServedOn = c.ServedOn,
        PaymentDeferredTo = c.PaymentDeferredTo,
        ExtensionDays = c.ExtensionDays,
        SuspendedDays = c.SuspendedDays,
    };

    /// <summary>The review and litigation periods of each of <paramref name="caseIds"/> (art. 73 ¶3), for reading many cases at once.</summary>
    public static async Task<ILookup<Guid, RemedyPeriod>> RemedyPeriodsAsync(TianmuDb db, IReadOnlyCollection<Guid> caseIds, CancellationToken ct) =>
        (await db.CaseRemedies.AsNoTracking().Where(r => caseIds.Contains(r.CaseId)).Select(r => new { r.CaseId, r.StartedOn, r.EndedOn }).ToListAsync(ct))
        .ToLookup(r => r.CaseId, r => new RemedyPeriod(r.StartedOn, r.EndedOn));

    /// <summary>
    /// Fine and confiscated sum (both paid by the decision's payment code) plus the surcharge accrued on the fine by
    /// <paramref name="on"/> (art. 72) outside the review and litigation <paramref name="remedies"/> (art. 73 ¶3), less what has been paid.
    /// </summary>
    public static decimal Outstanding(Case c, ProcedurePolicy policy, IReadOnlyList<Deadline> deadlines, IReadOnlyList<RemedyPeriod> remedies, DateOnly on)
    {
        var fine = c.DecidedPenalty?.Fine ?? 0m;
        var principal = fine + (c.DecidedPenalty?.Confiscation ?? 0m);
        if (principal == 0m)
        {
            return 0m;
        }

        var due = deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Payment)?.Due;
        var surcharge = due is { } d && on > d ? LateFees.Surcharge(policy, fine, d, on, remedies) : 0m;
        return Math.Max(0m, principal + surcharge - c.AmountPaid);
    }

    private async Task<CaseActor> ActorAsync(Case c, CurrentUser caller, List<CaseMember> members, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == caller.Id).Select(u => new { u.CredentialNumber, u.LegalQualification }).FirstOrDefaultAsync(ct);
        var reviewedBefore = await db.CaseEvents.AnyAsync(e => e.ActorId == caller.Id && e.Action == nameof(CaseAction.RecordLegalReview), ct);
        return new CaseActor(
            caller.Roles,
            HasCredential: !string.IsNullOrWhiteSpace(user?.CredentialNumber),
            IsInvestigator: members.Any(m => m.UserId == caller.Id && m.Role == CaseMemberRole.Investigator),
            IsFirstTimeReviewer: caller.Has(Role.LegalReviewer) && !reviewedBefore,
            HasLegalQualification: !string.IsNullOrWhiteSpace(user?.LegalQualification));
    }

    private async Task<IReadOnlySet<DocumentType>> IssuedDocumentsAsync(Guid caseId, CancellationToken ct) =>
        (await db.Documents.AsNoTracking().Where(d => d.CaseId == caseId && d.Status == DocumentStatus.Issued).Select(d => d.Type).Distinct().ToListAsync(ct)).ToHashSet();
}
