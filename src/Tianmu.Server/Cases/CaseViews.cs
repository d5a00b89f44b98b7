using Tianmu.Cases;

namespace Tianmu.Server.Cases;

public sealed record CaseFilter(string? Stage, bool? Open, Guid? EntityId, string? Q, bool? Overdue, int? Page, int? PageSize);

/// <summary>受理: the party, the cause and the source. <c>SourceRef</c> is the warning or clue id for those sources.</summary>
public sealed record OpenCaseInput(
    Guid? EntityId, string? Title, string? Source, string? SourceRef, string? Summary, string? Procedure, Guid? CatalogItemId, DateOnly? ViolationEndedOn, bool? HealthHarm);

public sealed record AssignInput(Guid[]? Investigators);

public sealed record EvidenceInput(Guid[]? ItemIds);

public sealed record PenaltyInput(bool? Warning, decimal? Fine, decimal? Confiscation, string? Severe)
{
    public Penalty ToPenalty() => new(Warning ?? false, Fine ?? 0m, Confiscation ?? 0m, string.IsNullOrWhiteSpace(Severe) ? null : Severe.Trim());
}

/// <summary>
/// One step on a case. Only the fields the action needs are read (see <see cref="CaseSteps"/>);
/// <c>Action</c> is a <see cref="CaseAction"/> name.
/// </summary>
public sealed record CaseActionInput(
    string? Action,
    string? Note = null,
    string? Report = null,
    string? Outcome = null,
    PenaltyInput? Penalty = null,
    string? DiscretionReason = null,
    bool? LegalReviewRequired = null,
    bool? DiscussionRequired = null,
    bool? ReviewPassed = null,
    string? Participants = null,
    string? Opinions = null,
    string? Conclusion = null,
    Guid? StatementId = null,
    string? StatementText = null,
    string? Channel = null,
    bool? Accepted = null,
    DateOnly? On = null,
    DateOnly? HearingDate = null,
    string? HearingPlace = null,
    Guid? ChairId = null,
    bool? FactsClear = null,
    string? Basis = null,
    string? ServiceMethod = null,
    decimal? Amount = null,
    string? Ground = null,
    int? Days = null,
    string? RemedyKind = null,
    string? RemedyBody = null,
    string? RemedyReference = null);

public sealed record CaseSummary(
    Guid Id, string Title, Guid EntityId, string EntityName, string AgencyName, string Procedure, string ProcedureName, string Stage, string StageName,
    string Source, string SourceName, DateOnly AcceptedOn, DateOnly? FiledOn, bool Suspended, DeadlineView? NextDeadline, bool Overdue);

public sealed record DeadlineView(string Kind, string Name, DateOnly? Due, string Basis, string? Problem, int? DaysLeft, bool Overdue, bool Provisional = false);

public sealed record MemberView(Guid UserId, string Role, string DisplayName, string? CredentialNumber);

public sealed record EventView(Guid Id, string Action, string ActionName, string FromStage, string ToStage, string ToStageName, string ActorName, DateTimeOffset At, string? Note, string DetailsJson);

public sealed record StatementView(Guid Id, string Channel, string Text, string RecordedBy, DateTimeOffset ReceivedAt, string? Review, bool? Accepted, string? ReviewedBy, DateTimeOffset? ReviewedAt);

public sealed record CaseEvidenceView(Guid ItemId, string Title, string Form, DateTimeOffset CollectedAt, string Review, string ReviewName);

public sealed record ActionView(string Action, string Name, string Basis);

/// <summary>A review or suit against the decision (art. 73); <c>EndedOn</c> null while pending.</summary>
public sealed record RemedyView(
    Guid Id, string Kind, string KindName, string Body, DateOnly StartedOn, string? Reference, DateOnly? EndedOn, string? Outcome, string RecordedBy, string? EndedBy);

public sealed record PenaltyView(bool Warning, decimal Fine, decimal Confiscation, string? Severe, string Text);

public sealed record CaseDetail(
    CaseSummary Summary,
    string SourceSummary,
    string? SourceRef,
    string Party,
    string? PolicyVersion,
    string? PolicyName,
    DateOnly? ViolationEndedOn,
    bool HealthHarm,
    string? Report,
    string? ProposedOutcome,
    PenaltyView? ProposedPenalty,
    string? DiscretionReason,
    bool LegalReviewRequired,
    bool? LegalReviewPassed,
    bool DiscussionRequired,
    bool DiscussionRecorded,
    DateOnly? NoticeServedOn,
    bool RightsWaived,
    DateOnly? HearingDate,
    string? DecidedOutcome,
    PenaltyView? DecidedPenalty,
    DateOnly? DecidedOn,
    DateOnly? ServedOn,
    decimal AmountPaid,
    decimal AmountOutstanding,
    int Version,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<EventView> Timeline,
    IReadOnlyList<StatementView> Statements,
    IReadOnlyList<CaseEvidenceView> Evidence,
    IReadOnlyList<RemedyView> Remedies,
    DiscretionView? Discretion = null);
