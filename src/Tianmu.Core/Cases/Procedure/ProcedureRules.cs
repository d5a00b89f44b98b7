using Tianmu.Calendar;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Identity;
using static Tianmu.Cases.CaseStage;

namespace Tianmu.Cases.Procedure;

/// <summary>
/// The procedure as a table plus the guards of each step. <see cref="Check"/> answers whether an actor
/// may take an action on a case today and where it leads; refusals are <see cref="Error"/>s with a stable
/// code and a Chinese detail naming what is missing.
/// </summary>
/// <remarks>
/// <para>Checks run in this order: archived case; wrong procedure kind; role; suspension; stage; the step's
/// guards; its documents. Codes:</para>
/// <list type="bullet">
/// <item><c>case.archived</c> (Conflict) — archived cases are read-only (art. 47).</item>
/// <item><c>case.wrong_procedure</c> (Conflict) — a general-procedure step on a simple case or vice versa.</item>
/// <item><c>case.role</c> (Forbidden) — the actor holds none of the step's roles; or the platform acting on a step not marked automatic.</item>
/// <item><c>case.credential</c> (Forbidden) — on-the-spot decision by an officer without an enforcement credential (art. 42).</item>
/// <item><c>case.suspended</c> (Conflict) — the case is suspended; only Resume is possible.</item>
/// <item><c>case.suspension_state</c> (Conflict) — Suspend on a suspended case, Resume on one that is not.</item>
/// <item><c>case.wrong_stage</c> (Conflict) — the action is not possible at the current stage (named in the detail).</item>
/// <item><c>case.calendar_missing</c> (Conflict) — a window needs a working-day calendar year that is not loaded.</item>
/// <item><c>case.input_missing</c> (Unprocessable) — a per-request input is missing (outcome, penalty, hearing date, ground, review result).</item>
/// <item><c>case.two_officers</c> (Unprocessable) — fewer than two credentialed investigators (art. 42).</item>
/// <item><c>case.not_investigator</c> (Forbidden) — only an assigned investigator concludes the investigation.</item>
/// <item><c>case.outcome_missing</c> (Unprocessable) — no proposed outcome, or a penalty outcome without a penalty (art. 57).</item>
/// <item><c>case.outcome_invalid</c> (Unprocessable) — Decide with the Transfer outcome (use Transfer).</item>
/// <item><c>case.reviewer_is_investigator</c> (Forbidden) — the legal reviewer investigated the case (art. 58).</item>
/// <item><c>case.reviewer_unqualified</c> (Forbidden) — first-time reviewer without the legal professional qualification (art. 58 ¶2).</item>
/// <item><c>case.legal_review_missing</c> (Unprocessable) — review required and not passed, or a heard case not reviewed after the hearing (art. 58).</item>
/// <item><c>case.discussion_missing</c> (Unprocessable) — collective discussion required and not recorded (art. 57 ¶2).</item>
/// <item><c>case.notice_not_needed</c> (Unprocessable) — prior notice for an outcome that is not a penalty.</item>
/// <item><c>case.notice_missing</c> (Unprocessable) — a penalty decided without prior notice (art. 44, 62).</item>
/// <item><c>case.no_statement</c> (Conflict) — review of statements when none is waiting.</item>
/// <item><c>case.rights_waived</c> (Conflict) — the waiver is already recorded.</item>
/// <item><c>case.penalty_raised</c> (Unprocessable) — the penalty would be heavier than the one notified (art. 45).</item>
/// <item><c>case.hearing_not_available</c> (Unprocessable) — the proposed penalty gives no hearing right (art. 63).</item>
/// <item><c>case.hearing_request_late</c> (Unprocessable) — request after the 5-working-day window (art. 64(一)).</item>
/// <item><c>case.hearing_too_soon</c> (Unprocessable) — hearing less than 7 working days after the notice (art. 64(二)).</item>
/// <item><c>case.chair_is_investigator</c> (Forbidden) — the hearing chair investigated the case (art. 64(四)).</item>
/// <item><c>case.hearing_not_yet</c> (Conflict) — recording a hearing before its date.</item>
/// <item><c>case.hearing_pending</c> (Conflict) — deciding while a requested hearing is neither held nor withdrawn.</item>
/// <item><c>case.evidence_unreviewed</c> (Unprocessable) — evidence relied on has not passed review (art. 41).</item>
/// <item><c>case.statement_unreviewed</c> (Unprocessable) — a statement has not been reviewed (art. 45).</item>
/// <item><c>case.statement_window_open</c> (Conflict) — the 3-working-day statement window runs and rights are not waived (art. 44, 62).</item>
/// <item><c>case.hearing_window_open</c> (Conflict) — the hearing-request window runs, no request, no waiver (art. 64).</item>
/// <item><c>case.simple_not_allowed</c> (Unprocessable) — see <see cref="SimpleProcedure.Refusal"/> (art. 51).</item>
/// <item><c>case.payment_invalid</c> / <c>case.overpayment</c> (Unprocessable) — payment not positive / more than is owed.</item>
/// <item><c>case.amount_outstanding</c> (Conflict) — closing while fine or surcharge is owed.</item>
/// <item><c>case.ground_refused</c> (Unprocessable) — a ground the law does not accept (the detail gives the reason).</item>
/// <item><c>case.ground_unknown</c> (Unprocessable) — a ground in neither list of the policy.</item>
/// <item><c>case.extension_too_long</c> (Unprocessable) — more days than the ground allows.</item>
/// <item><c>case.preservation_state</c> (Conflict) — a preservation already open, or none to handle (art. 56).</item>
/// <item><c>case.deferral_invalid</c> (Unprocessable) — deferral without a last day to pay after today (art. 66).</item>
/// <item><c>case.remedy_open</c> (Conflict) — a review or suit is already recorded and not ended; <c>case.remedy_not_open</c> (Conflict) — none to end (art. 73).</item>
/// <item><c>case.remedy_date</c> (Unprocessable) — a review or suit dated after today, before the decision or before the previous one ended; <c>case.remedy_end_before_start</c> (Unprocessable) — it ends before it began.</item>
/// <item><c>case.document_missing</c> (Unprocessable) — a required document is not issued (named in the detail).</item>
/// </list>
/// </remarks>
public static partial class ProcedureRules
{
    private static readonly IReadOnlyList<CaseStage> Active =
        [Investigating, InvestigationConcluded, LegalReviewed, Discussed, Approved, Notified, HearingRequested, HearingNoticed, Heard];

    private static readonly IReadOnlyList<CaseStage> Defence = [Notified, HearingRequested, HearingNoticed, Heard];

    /// <summary>A decision exists to seek review of or sue against, and the case file is still open (art. 73).</summary>
    private static readonly IReadOnlyList<CaseStage> Remedied = [Decided, Served, Executed, Closed];

    private static readonly IReadOnlyList<CaseProcedureKind> Both = [CaseProcedureKind.General, CaseProcedureKind.Simple];

    private static readonly IReadOnlyList<ProcedureStep> Table =
    [
        new(CaseAction.File, "立案", [Accepted], Investigating, [Role.Head], [DocumentType.FilingReport],
            "《行政处罚法》第五十四条、第四十二条（两名以上执法人员）"),
        new(CaseAction.RefuseFiling, "不予立案", [Accepted], NotFiled, [Role.Head], [], "《行政处罚法》第五十四条"),
        new(CaseAction.PreserveEvidence, "批准先行登记保存", [Investigating], null, [Role.Head], [DocumentType.PreservationDecision], "《行政处罚法》第五十六条")
        {
            RecordsOnly = true,
        },
        new(CaseAction.HandlePreservedEvidence, "记录先行登记保存处理决定", [Investigating, InvestigationConcluded], null, [Role.Officer, Role.Head], [],
            "《行政处罚法》第五十六条") { RecordsOnly = true },
        new(CaseAction.ConcludeInvestigation, "调查终结", [Investigating], InvestigationConcluded, [Role.Officer], [DocumentType.InvestigationReport],
            "《行政处罚法》第五十七条"),
        new(CaseAction.RecordLegalReview, "法制审核", [InvestigationConcluded, Heard], null, [Role.LegalReviewer], [],
            "《行政处罚法》第五十八条"),
        new(CaseAction.RecordDiscussion, "集体讨论", [InvestigationConcluded, LegalReviewed], Discussed, [Role.Head], [DocumentType.DiscussionRecord],
            "《行政处罚法》第五十七条第二款"),
        new(CaseAction.Approve, "负责人审批", [InvestigationConcluded, LegalReviewed, Discussed], Approved, [Role.Head], [],
            "《行政处罚法》第五十七条、第五十八条"),
        new(CaseAction.ServePriorNotice, "送达行政处罚事先告知书", [Approved], Notified, [Role.Officer], [DocumentType.PriorNotice],
            "《行政处罚法》第四十四条") { Automatic = true },
        new(CaseAction.RecordStatement, "记录陈述申辩", Defence, null, [Role.Officer, Role.EntityUser], [], "《行政处罚法》第四十五条") { RecordsOnly = true },
        new(CaseAction.ReviewStatement, "复核陈述申辩", Defence, null, [Role.Officer, Role.Head], [], "《行政处罚法》第四十五条") { RecordsOnly = true },
        new(CaseAction.WaiveRights, "记录放弃陈述申辩和听证", Defence, null, [Role.Officer, Role.EntityUser], [], "《行政处罚法》第六十二条") { RecordsOnly = true },
        new(CaseAction.RequestHearing, "申请听证", [Notified], HearingRequested, [Role.Officer, Role.EntityUser], [],
            "《行政处罚法》第六十三条、第六十四条第一项"),
        new(CaseAction.NoticeHearing, "通知听证", [HearingRequested], HearingNoticed, [Role.Officer, Role.Head], [DocumentType.HearingNotice],
            "《行政处罚法》第六十四条第二项"),
        new(CaseAction.RecordHearing, "记录听证", [HearingNoticed], Heard, [Role.Officer, Role.Head, Role.LegalReviewer], [DocumentType.HearingRecord],
            "《行政处罚法》第六十四条第四项、第八项"),
        new(CaseAction.Decide, "作出决定", [Approved, Notified, HearingRequested, HearingNoticed, Heard], Decided, [Role.Head], [],
            "《行政处罚法》第五十七条、第五十九条、第六十二条"),
        new(CaseAction.Transfer, "移送", [Accepted, Investigating, InvestigationConcluded, Approved], Transferred, [Role.Head], [],
            "《行政处罚法》第二十七条、第五十七条第一款第四项"),
        new(CaseAction.DecideOnTheSpot, "当场处罚", [Accepted], Decided, [Role.Officer], [DocumentType.OnTheSpotDecision],
            "《行政处罚法》第五十一条、第五十二条") { Procedures = [CaseProcedureKind.Simple] },
        new(CaseAction.RecordService, "记录送达", [Decided], Served, [Role.Officer], [], "《行政处罚法》第六十一条")
        {
            Procedures = Both,
            Automatic = true,
        },
        new(CaseAction.RecordPayment, "记录缴款", [Served], null, [Role.Officer, Role.Head], [], "《行政处罚法》第六十七条、第七十二条")
        {
            Procedures = Both,
            Automatic = true,
        },
        new(CaseAction.DeferPayment, "批准暂缓（分期）缴纳罚款", [Served], null, [Role.Head], [], "《行政处罚法》第六十六条")
        {
            Procedures = Both,
            RecordsOnly = true,
        },
        new(CaseAction.RecordRemedy, "记录申请行政复议或提起行政诉讼", Remedied, null, [Role.Officer, Role.Head], [], "《行政处罚法》第七十三条")
        {
            Procedures = Both,
            RecordsOnly = true,
        },
        new(CaseAction.EndRemedy, "记录复议决定或判决", Remedied, null, [Role.Officer, Role.Head], [], "《行政处罚法》第七十三条第三款")
        {
            Procedures = Both,
            RecordsOnly = true,
        },
        new(CaseAction.Close, "结案", [Executed, Served, Transferred], Closed, [Role.Head], [DocumentType.ClosingReport], "《行政处罚法》第四十七条")
        {
            Procedures = Both,
        },
        new(CaseAction.Archive, "归档", [Closed, NotFiled], Archived, [Role.Officer, Role.Head, Role.Administrator], [], "《行政处罚法》第四十七条")
        {
            Procedures = Both,
        },
        new(CaseAction.Suspend, "中止", Active, null, [Role.Head], [], "《卫生健康行政处罚程序规定》案件中止情形（verify：条文序号）；中止期间不计入《行政处罚法》第六十条的办案期限") { RecordsOnly = true },
        new(CaseAction.Resume, "恢复", Active, null, [Role.Head], [], "《卫生健康行政处罚程序规定》案件中止情形（verify：条文序号）；中止期间不计入《行政处罚法》第六十条的办案期限") { RecordsOnly = true },
        new(CaseAction.Extend, "延期", Active, null, [Role.Head], [], "《行政处罚法》第六十条") { RecordsOnly = true },
    ];

    private static readonly Dictionary<CaseAction, ProcedureStep> ByAction = Table.ToDictionary(s => s.Action);

    /// <summary>Every step, in the order of the general procedure, then the simple procedure and the cross-cutting ones.</summary>
    public static IReadOnlyList<ProcedureStep> Steps => Table;

    public static ProcedureStep Step(CaseAction action) => ByAction[action];

    /// <summary>The stage the action leads to, or why it is refused (role, stage, precondition, deadline).</summary>
    public static Result<CaseStage> Check(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts facts, CaseAction action, CaseActor actor, DateOnly today) =>
        Evaluate(policy, calendar, facts, action, actor, today, preview: false);

    /// <summary>Actions the actor could take now (ignoring per-request inputs such as the requested penalty), for the case page's buttons.</summary>
    /// <remarks>
    /// An action is available when <see cref="Check"/> would succeed for a suitable choice of the per-request
    /// inputs once the step's documents are issued. So it ignores: the Requested* inputs (penalty, outcome,
    /// hearing date, ground, extension days, review result, payment), <see cref="CaseFacts.FactsClear"/> and
    /// <see cref="CaseFacts.LegalBasisGiven"/>, the proposed outcome of ConcludeInvestigation (written in the
    /// report the button leads to) and every missing document. Decide is judged with the proposed outcome.
    /// Everything else still applies: archive, procedure, role, suspension, stage, two officers, separation of
    /// duties, legal review and discussion, unreviewed evidence and statements, open windows, hearing right and
    /// lateness, amount outstanding.
    /// </remarks>
    public static IReadOnlyList<CaseAction> Available(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts facts, CaseActor actor, DateOnly today) =>
        [.. Table.Select(s => s.Action).Where(a => Evaluate(policy, calendar, facts, a, actor, today, preview: true).IsSuccess)];

    private static Result<CaseStage> Evaluate(
        ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts facts, CaseAction action, CaseActor actor, DateOnly today, bool preview)
    {
        var step = Step(action);
        if (facts.Stage == Archived)
        {
            return Error.Conflict("case.archived", "案件已归档，只能查阅，不能再办理（《行政处罚法》第四十七条）。");
        }

        if (!step.Procedures.Contains(facts.Procedure))
        {
            return Error.Conflict("case.wrong_procedure", facts.Procedure == CaseProcedureKind.Simple
                ? $"简易程序（当场处罚）案件不能办理“{step.Name}”。"
                : $"普通程序案件不能办理“{step.Name}”，当场处罚仅适用简易程序（《行政处罚法》第五十一条）。");
        }

        if (actor.IsPlatform && !step.Automatic)
        {
            return Error.Forbidden("case.role", $"“{step.Name}”须由执法人员办理，平台不能自动办理。");
        }

        if (!actor.IsPlatform && !step.Roles.Any(actor.Roles.Contains))
        {
            return Error.Forbidden("case.role", $"“{step.Name}”须由{string.Join("或", step.Roles.Select(r => r.ToChinese()))}办理。");
        }

        if (facts.Suspended && action is not (CaseAction.Resume or CaseAction.Suspend))
        {
            return Error.Conflict("case.suspended", $"案件已中止，恢复办理前不能“{step.Name}”。");
        }

        if (!step.From.Contains(facts.Stage))
        {
            return Error.Conflict("case.wrong_stage",
                $"案件当前处于“{facts.Stage.ToChinese()}”阶段，不能“{step.Name}”；须处于{string.Join("、", step.From.Select(s => $"“{s.ToChinese()}”"))}阶段。");
        }

        try
        {
            var guarded = Guard(policy, calendar, facts, action, actor, today, preview);
            if (!guarded.IsSuccess || preview)
            {
                return guarded;
            }

            var missing = step.RequiredDocuments.Concat(ExtraDocuments(facts, action)).Where(d => !facts.IssuedDocuments.Contains(d)).ToList();
            return missing.Count == 0
                ? guarded
                : Error.Unprocessable("case.document_missing",
                    $"“{step.Name}”前须先制作并签发{string.Join("、", missing.Select(d => $"《{DocumentName(d)}》"))}。");
        }
        catch (DateOutsideCalendarException e)
        {
            return Error.Conflict("case.calendar_missing", CaseDeadlines.MissingYear(e.Date.Year));
        }
    }

    private static IEnumerable<DocumentType> ExtraDocuments(CaseFacts facts, CaseAction action) =>
        action == CaseAction.Decide && facts.RequestedOutcome is { } outcome
            ? [outcome == CaseOutcome.Penalty ? DocumentType.PenaltyDecision : DocumentType.NoPenaltyDecision]
            : [];
}
