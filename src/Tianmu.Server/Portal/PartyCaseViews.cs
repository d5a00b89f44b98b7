using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Portal;

/// <summary>A period the party acts in (陈述申辩, 听证申请, 缴纳罚款): its last day and whether it is still open to the party.</summary>
public sealed record PartyWindow(string Kind, string Name, DateOnly? Due, int? DaysLeft, bool Open, string Basis, string? Problem);

/// <summary>A case as its party sees it in a list: the stage in plain words and the next period it must act in.</summary>
public sealed record PartyCaseRow(
    Guid Id, string Title, Guid EntityId, string EntityName, string AgencyName, string ProcedureName, string Stage, string StageName,
    DateOnly? FiledOn, bool Open, PartyWindow? NextWindow, decimal AmountDue);

/// <summary>A statement of the party on the case (filed on the portal or recorded by an officer from paper); the review itself stays internal.</summary>
public sealed record PartyStatement(Guid Id, string Channel, string Text, DateTimeOffset ReceivedAt, bool Reviewed);

/// <summary>A step of the case that concerns the party, with when it happened.</summary>
public sealed record PartyEvent(string Action, string Name, DateTimeOffset At);

/// <summary>
/// What a party is entitled to know of its case: stage, the proposed penalty once notified (art. 44), its windows
/// and its own statements, the hearing, and the decision once made. Never the investigation report, legal review,
/// collective discussion, discretion reasoning or members' notes.
/// </summary>
public sealed record PartyCaseView(
    PartyCaseRow Case,
    DateOnly? NoticeServedOn,
    PenaltyView? ProposedPenalty,
    bool HearingRight,
    DateOnly? HearingRequestedOn,
    DateOnly? HearingDate,
    string? HearingPlace,
    bool RightsWaived,
    string? DecidedOutcome,
    PenaltyView? DecidedPenalty,
    DateOnly? DecidedOn,
    DateOnly? ServedOn,
    decimal AmountPaid,
    IReadOnlyList<PartyWindow> Windows,
    IReadOnlyList<PartyStatement> Statements,
    IReadOnlyList<PartyEvent> Timeline,
    IReadOnlyList<string> Actions);

public sealed record PartyCaseFilter(bool? Open, int? Page, int? PageSize);

/// <summary>陈述申辩 filed on the portal; <c>Password</c> re-confirms the signer.</summary>
public sealed record StatementInput(string? Text, string? Password);

/// <summary>听证申请; an optional note (e.g. the points to be heard).</summary>
public sealed record HearingRequestInput(string? Note, string? Password);

/// <summary>放弃陈述申辩和听证: the party ticks that it waives (<c>Confirm</c>), optionally saying why.</summary>
public sealed record WaiverInput(bool? Confirm, string? Note, string? Password);

/// <summary>The case vocabulary in the party's words: internal review steps are one "调查处理中".</summary>
public static class PartyText
{
    public static readonly CaseStage[] Defence = [CaseStage.Notified, CaseStage.HearingRequested, CaseStage.HearingNoticed, CaseStage.Heard];

    public static string StageName(CaseStage stage) => stage switch
    {
        CaseStage.Accepted or CaseStage.Investigating or CaseStage.InvestigationConcluded or CaseStage.LegalReviewed or CaseStage.Discussed
            or CaseStage.Approved => "调查处理中",
        CaseStage.Notified => "已告知拟处罚，可陈述申辩",
        CaseStage.HearingRequested => "已申请听证，等待听证通知",
        CaseStage.HearingNoticed => "已通知听证",
        CaseStage.Heard => "已听证，等待作出决定",
        CaseStage.Decided => "已作出决定，等待送达",
        CaseStage.Served => "决定已送达，请按期履行",
        CaseStage.Executed => "已履行完毕",
        _ => "已结案",
    };

    /// <summary>The steps the party sees on its timeline, named as the party would say them; other steps are internal.</summary>
    public static string? EventName(string action) => action switch
    {
        nameof(CaseAction.File) => "立案",
        nameof(CaseAction.ServePriorNotice) => "送达行政处罚事先告知书",
        nameof(CaseAction.RecordStatement) => "陈述申辩",
        nameof(CaseAction.WaiveRights) => "放弃陈述申辩和听证",
        nameof(CaseAction.RequestHearing) => "申请听证",
        nameof(CaseAction.NoticeHearing) => "通知听证",
        nameof(CaseAction.RecordHearing) => "举行听证",
        nameof(CaseAction.Decide) => "作出处理决定",
        nameof(CaseAction.DecideOnTheSpot) => "当场作出行政处罚决定",
        nameof(CaseAction.RecordService) => "送达决定书",
        nameof(CaseAction.RecordPayment) => "缴纳罚款",
        nameof(CaseAction.DeferPayment) => "批准暂缓（分期）缴纳罚款",
        nameof(CaseAction.Close) => "结案",
        _ => null,
    };

    public static string ActionName(CaseAction action) => action switch
    {
        CaseAction.RecordStatement => "陈述申辩",
        CaseAction.RequestHearing => "申请听证",
        _ => "放弃陈述申辩和听证",
    };

    public static PenaltyView? Penalty(Penalty? p) => p is null ? null : new(p.Warning, p.Fine, p.Confiscation, p.Severe, CaseText.PenaltyText(p));

    public static PartyWindow Window(Deadline d, DateOnly today, bool open) =>
        new(d.Kind.ToString(), d.Name, d.Due, d.Due is { } due ? due.DayNumber - today.DayNumber : null, open, d.Basis, d.Problem);
}
