namespace Tianmu.Cases.Procedure;

/// <summary>
/// Everything the procedure rules need to know about a case, gathered by the server from the case row,
/// its members, documents and evidence. Pure data so the rules can be tested table-driven.
/// </summary>
public sealed record CaseFacts
{
    public required CaseProcedureKind Procedure { get; init; }

    public required CaseStage Stage { get; init; }

    public required PartyKind Party { get; init; }

    /// <summary>Date of 受理; picks the policy when the case is not yet filed.</summary>
    public required DateOnly AcceptedOn { get; init; }

    /// <summary>Date of 立案; picks the policy version (1997 rules before 2025-06-01, 2025 rules from then).</summary>
    public DateOnly? FiledOn { get; init; }

    /// <summary>Assigned investigators (承办人) holding an enforcement credential (art. 42).</summary>
    public int CredentialedInvestigators { get; init; }

    public bool ReportWritten { get; init; }

    public CaseOutcome? ProposedOutcome { get; init; }

    public Penalty? ProposedPenalty { get; init; }

    /// <summary>
    /// Set when the officer marks the case as touching art. 58 (major public interest, complex…) or the policy requires
    /// review for every decision: review before approval. The review after a hearing (art. 58 ¶1(二)) is required by the
    /// hearing itself and tracked in <see cref="LegalReviewAfterHearingPassed"/>.
    /// </summary>
    public bool LegalReviewRequired { get; init; }

    /// <summary>null = not reviewed yet; false = returned with opinions.</summary>
    public bool? LegalReviewPassed { get; init; }

    /// <summary>
    /// The legal review after a hearing (art. 58 ¶1(二)), kept apart from <see cref="LegalReviewPassed"/> because
    /// the pre-notice review does not cover what the hearing brought. Required before deciding a case that was
    /// heard (<see cref="HearingHeld"/>); null = not reviewed yet, false = returned with opinions.
    /// </summary>
    public bool? LegalReviewAfterHearingPassed { get; init; }

    /// <summary>Complex or major case (art. 57 ¶2): collective discussion required.</summary>
    /// <summary>Evidence registered and preserved (先行登记保存) with no handling decision yet (art. 56).</summary>
    public bool PreservationOpen { get; init; }

    public bool DiscussionRequired { get; init; }

    public bool DiscussionRecorded { get; init; }

    public DateOnly? NoticeServedOn { get; init; }

    public bool RightsWaived { get; init; }

    public DateOnly? HearingRequestedOn { get; init; }

    public DateOnly? HearingDate { get; init; }

    /// <summary>The hearing took place; false at <see cref="CaseStage.Heard"/> when the party did not appear (art. 64(八): waiver).</summary>
    public bool HearingHeld { get; init; }

    /// <summary>Statements (陈述申辩) recorded and not yet reviewed (复核).</summary>
    public int UnreviewedStatements { get; init; }

    /// <summary>Evidence items relied on by the case that have not passed review (art. 41: unreviewed record is not evidence).</summary>
    public int UnreviewedEvidence { get; init; }

    /// <summary>Documents of this case already issued (numbered, rendered, signed).</summary>
    public IReadOnlySet<Documents.DocumentType> IssuedDocuments { get; init; } = new HashSet<Documents.DocumentType>();

    public Penalty? DecidedPenalty { get; init; }

    public DateOnly? DecidedOn { get; init; }

    public DateOnly? ServedOn { get; init; }

    /// <summary>Fine + surcharge still owed; 0 when paid in full or no fine.</summary>
    public decimal AmountOutstanding { get; init; }

    public bool Suspended { get; init; }

    /// <summary>The day the review or suit still pending was applied for or filed; null when none is pending (art. 73).</summary>
    public DateOnly? RemedyOpenSince { get; init; }

    /// <summary>The day the latest ended review or suit ended; a new one cannot start before it.</summary>
    public DateOnly? LastRemedyEndedOn { get; init; }

    /// <summary>For RecordRemedy: the day applied or filed; for EndRemedy: the day of the review decision or judgment.</summary>
    public DateOnly? RequestedRemedyOn { get; init; }

    /// <summary>For the action being checked: the penalty it would set (Decide, DecideOnTheSpot, ReviewStatement).</summary>
    public Penalty? RequestedPenalty { get; init; }

    /// <summary>For Decide: the outcome the head decides.</summary>
    public CaseOutcome? RequestedOutcome { get; init; }

    /// <summary>For NoticeHearing: the hearing date asked for.</summary>
    public DateOnly? RequestedHearingDate { get; init; }

    /// <summary>For Suspend/Extend: the ground code from the policy's list.</summary>
    public string? RequestedGround { get; init; }

    /// <summary>For Extend: the calendar days asked for; checked against the ground's longest extension when given.</summary>
    public int? RequestedExtensionDays { get; init; }

    /// <summary>For RecordLegalReview: true = passed, false = returned with opinions.</summary>
    public bool? RequestedReviewPassed { get; init; }

    /// <summary>For DecideOnTheSpot: the officer confirms the facts are clear (art. 51: 违法事实确凿).</summary>
    public bool FactsClear { get; init; }

    /// <summary>For DecideOnTheSpot: the legal basis is stated (art. 51: 有法定依据).</summary>
    public bool LegalBasisGiven { get; init; }

    /// <summary>
    /// For RecordPayment: the amount paid now, deducted from <see cref="AmountOutstanding"/>. When null the
    /// server has already deducted it and <see cref="AmountOutstanding"/> is the balance after the payment.
    /// </summary>
    public decimal? RequestedPayment { get; init; }

    /// <summary>For DeferPayment: the approved new last day to pay (art. 66).</summary>
    public DateOnly? RequestedDeferTo { get; init; }
}

/// <summary>The person acting and their relation to the case (separation of duties).</summary>
public sealed record CaseActor(IReadOnlySet<Identity.Role> Roles, bool HasCredential, bool IsInvestigator, bool IsFirstTimeReviewer = false, bool HasLegalQualification = false)
{
    /// <summary>
    /// The platform itself, recording what it witnessed (electronic delivery, a payment callback). It holds no
    /// role, so it may take only the steps marked <see cref="ProcedureStep.Automatic"/>.
    /// </summary>
    public static readonly CaseActor Platform = new(new HashSet<Identity.Role>(), false, false) { IsPlatform = true };

    public bool IsPlatform { get; private init; }
}
