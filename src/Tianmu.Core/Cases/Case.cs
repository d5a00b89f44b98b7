namespace Tianmu.Cases;

/// <summary>
/// 案件 — one administrative penalty case against one party, from 受理 to 归档. The procedure rules
/// (<see cref="Procedure.ProcedureRules"/>) decide which step may be taken; this class only records
/// what each step established. <see cref="Version"/> is a concurrency token: two people taking a step
/// at once cannot both move the case.
/// </summary>
public sealed class Case : IAudited
{
    private Case() { }

    public Case(Guid id, CaseOpening opening, Guid agencyId, string agencyPath, PartyKind party, string acceptedBy, DateTimeOffset acceptedAt, DateOnly acceptedOn)
    {
        Id = id;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        EntityId = opening.EntityId;
        Party = party;
        Title = opening.Title;
        CatalogItemId = opening.CatalogItemId;
        Source = opening.Source;
        SourceRef = opening.SourceRef;
        SourceSummary = opening.Summary;
        Procedure = opening.Procedure;
        ViolationEndedOn = opening.ViolationEndedOn;
        HealthHarm = opening.HealthHarm;
        Stage = CaseStage.Accepted;
        AcceptedBy = acceptedBy;
        AcceptedAt = acceptedAt;
        AcceptedOn = acceptedOn;
        UpdatedAt = acceptedAt;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public Guid EntityId { get; private set; }

    public PartyKind Party { get; private set; }

    /// <summary>案由</summary>
    public string Title { get; private set; } = "";

    /// <summary>The catalog item whose obligation was breached; gives the penalty basis and the discretion benchmark.</summary>
    public Guid? CatalogItemId { get; private set; }

    public CaseSource Source { get; private set; }

    /// <summary>The warning or clue id, or the complaint's reference; one case per warning or clue.</summary>
    public string? SourceRef { get; private set; }

    public string SourceSummary { get; private set; } = "";

    public CaseProcedureKind Procedure { get; private set; }

    public CaseStage Stage { get; private set; }

    /// <summary>The procedure policy version the case follows, fixed at filing (LEGAL.md).</summary>
    public string? PolicyVersion { get; private set; }

    public DateOnly AcceptedOn { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }

    public string AcceptedBy { get; private set; } = "";

    public DateOnly? FiledOn { get; private set; }

    /// <summary>When the violation ended (or was found, if continuing): the limitation period runs from it (art. 36).</summary>
    public DateOnly? ViolationEndedOn { get; private set; }

    public bool HealthHarm { get; private set; }

    /// <summary>先行登记保存 approved on; cleared when its handling decision is recorded (art. 56).</summary>
    public DateOnly? PreservedOn { get; private set; }

    /// <summary>调查终结报告 summary.</summary>
    public string? Report { get; private set; }

    public CaseOutcome? ProposedOutcome { get; private set; }

    public bool ProposedWarning { get; private set; }

    public decimal ProposedFine { get; private set; }

    public decimal ProposedConfiscation { get; private set; }

    public string? ProposedSevere { get; private set; }

    /// <summary>Why the officer chose the proposed penalty against the discretion benchmark's suggestion.</summary>
    public string? DiscretionReason { get; private set; }

    public bool LegalReviewRequired { get; private set; }

    public bool? LegalReviewPassed { get; private set; }

    /// <summary>The legal review after a hearing (art. 58 ¶1(二)); null until recorded.</summary>
    public bool? LegalReviewAfterHearingPassed { get; private set; }

    public bool DiscussionRequired { get; private set; }

    public bool DiscussionRecorded { get; private set; }

    public DateOnly? NoticeServedOn { get; private set; }

    public bool RightsWaived { get; private set; }

    public DateOnly? HearingRequestedOn { get; private set; }

    public DateOnly? HearingNoticedOn { get; private set; }

    public DateOnly? HearingDate { get; private set; }

    public bool HearingHeld { get; private set; }

    public CaseOutcome? DecidedOutcome { get; private set; }

    public bool DecidedWarning { get; private set; }

    public decimal DecidedFine { get; private set; }

    public decimal DecidedConfiscation { get; private set; }

    public string? DecidedSevere { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public DateOnly? ServedOn { get; private set; }

    public string? ServiceMethod { get; private set; }

    public DateOnly? PaymentDeferredTo { get; private set; }

    public decimal AmountPaid { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public DateOnly? SuspendedSince { get; private set; }

    public int SuspendedDays { get; private set; }

    public int ExtensionDays { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public Penalty? ProposedPenalty => ProposedOutcome == CaseOutcome.Penalty ? new Penalty(ProposedWarning, ProposedFine, ProposedConfiscation, ProposedSevere) : null;

    public Penalty? DecidedPenalty => DecidedOutcome == CaseOutcome.Penalty ? new Penalty(DecidedWarning, DecidedFine, DecidedConfiscation, DecidedSevere) : null;

    public bool IsOpen => Stage is not (CaseStage.Closed or CaseStage.Archived or CaseStage.NotFiled or CaseStage.Transferred);

    /// <summary>Moves the case to <paramref name="stage"/> (possibly the same one) and bumps the concurrency token.</summary>
    public void MoveTo(CaseStage stage, DateTimeOffset at)
    {
        Stage = stage;
        UpdatedAt = at;
        Version++;
    }

    public void RecordFiling(DateOnly on, string policyVersion)
    {
        FiledOn = on;
        PolicyVersion = policyVersion;
    }

    public void RecordConclusion(string report, CaseOutcome outcome, Penalty? penalty, string? discretionReason, bool legalReviewRequired, bool discussionRequired)
    {
        Report = report;
        ProposedOutcome = outcome;
        var p = penalty ?? Penalty.None;
        (ProposedWarning, ProposedFine, ProposedConfiscation, ProposedSevere) = (p.Warning, p.Fine, p.Confiscation, p.Severe);
        DiscretionReason = discretionReason;
        LegalReviewRequired = legalReviewRequired;
        DiscussionRequired = discussionRequired;
        LegalReviewPassed = null;
        DiscussionRecorded = false;
    }

    /// <summary>A review at stage Heard is the one after the hearing; any other is the review before the notice.</summary>
    public void RecordLegalReview(bool passed)
    {
        if (Stage == CaseStage.Heard)
        {
            LegalReviewAfterHearingPassed = passed;
        }
        else
        {
            LegalReviewPassed = passed;
        }
    }

    public void RecordDiscussion() => DiscussionRecorded = true;

    public void Preserve(DateOnly on) => PreservedOn = on;

    public void HandlePreserved() => PreservedOn = null;

    public void RecordNotice(DateOnly on) => NoticeServedOn = on;

    /// <summary>A reviewed statement may lower the proposed penalty, never raise it (art. 45).</summary>
    public void LowerProposal(Penalty penalty) =>
        (ProposedWarning, ProposedFine, ProposedConfiscation, ProposedSevere) = (penalty.Warning, penalty.Fine, penalty.Confiscation, penalty.Severe);

    public void WaiveRights() => RightsWaived = true;

    public void RecordHearingRequest(DateOnly on) => HearingRequestedOn = on;

    public void RecordHearingNotice(DateOnly on, DateOnly hearingDate) => (HearingNoticedOn, HearingDate) = (on, hearingDate);

    /// <summary>After a hearing the case needs legal review again (art. 58 ¶1(二)); the rules judge <see cref="LegalReviewAfterHearingPassed"/>.</summary>
    public void RecordHearing() => HearingHeld = true;

    public void RecordDecision(CaseOutcome outcome, Penalty? penalty, DateOnly on)
    {
        DecidedOutcome = outcome;
        var p = penalty ?? Penalty.None;
        (DecidedWarning, DecidedFine, DecidedConfiscation, DecidedSevere) = (p.Warning, p.Fine, p.Confiscation, p.Severe);
        DecidedOn = on;
    }

    /// <summary>当场处罚: the proposal and the decision are the same act.</summary>
    public void RecordOnTheSpot(Penalty penalty, DateOnly on, string policyVersion)
    {
        PolicyVersion = policyVersion;
        ProposedOutcome = CaseOutcome.Penalty;
        LowerProposal(penalty);
        RecordDecision(CaseOutcome.Penalty, penalty, on);
    }

    public void RecordService(DateOnly on, string method) => (ServedOn, ServiceMethod) = (on, method);

    public void RecordPayment(decimal amount, DateOnly on)
    {
        AmountPaid += amount;
        PaidOn = on;
    }

    public void DeferPayment(DateOnly to) => PaymentDeferredTo = to;

    public void Suspend(DateOnly on) => SuspendedSince = on;

    public void Resume(DateOnly on)
    {
        SuspendedDays += SuspendedSince is { } since ? Math.Max(0, on.DayNumber - since.DayNumber) : 0;
        SuspendedSince = null;
    }

    public void Extend(int days) => ExtensionDays += days;

    public void RecordClosing(DateOnly on) => ClosedOn = on;

    public void RecordArchive(DateTimeOffset at) => ArchivedAt = at;
}

/// <summary>What 受理 records: the party, the cause and where the case came from.</summary>
public sealed record CaseOpening(Guid EntityId, string Title, CaseSource Source, string? SourceRef, string Summary, CaseProcedureKind Procedure, Guid? CatalogItemId, DateOnly? ViolationEndedOn, bool HealthHarm);
