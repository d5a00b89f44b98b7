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
/// <item><c>case.role</c> (Forbidden) — the actor holds none of the step's roles.</item>
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
/// <item><c>case.document_missing</c> (Unprocessable) — a required document is not issued (named in the detail).</item>
/// </list>
/// </remarks>
public static class ProcedureRules
{
    private static readonly IReadOnlyList<CaseStage> Active =
        [Investigating, InvestigationConcluded, LegalReviewed, Discussed, Approved, Notified, HearingRequested, HearingNoticed, Heard];

    private static readonly IReadOnlyList<CaseStage> Defence = [Notified, HearingRequested, HearingNoticed, Heard];

    private static readonly IReadOnlyList<CaseProcedureKind> Both = [CaseProcedureKind.General, CaseProcedureKind.Simple];

    private static readonly IReadOnlyList<ProcedureStep> Table =
    [
        new(CaseAction.File, "立案", [Accepted], Investigating, [Role.Head], [DocumentType.FilingReport],
            "《行政处罚法》第五十四条、第四十二条（两名以上执法人员）"),
        new(CaseAction.RefuseFiling, "不予立案", [Accepted], NotFiled, [Role.Head], [], "《行政处罚法》第五十四条"),
        new(CaseAction.ConcludeInvestigation, "调查终结", [Investigating], InvestigationConcluded, [Role.Officer], [DocumentType.InvestigationReport],
            "《行政处罚法》第五十七条"),
        new(CaseAction.RecordLegalReview, "法制审核", [InvestigationConcluded, Heard], null, [Role.LegalReviewer], [],
            "《行政处罚法》第五十八条"),
        new(CaseAction.RecordDiscussion, "集体讨论", [InvestigationConcluded, LegalReviewed], Discussed, [Role.Head], [DocumentType.DiscussionRecord],
            "《行政处罚法》第五十七条第二款"),
        new(CaseAction.Approve, "负责人审批", [InvestigationConcluded, LegalReviewed, Discussed], Approved, [Role.Head], [],
            "《行政处罚法》第五十七条、第五十八条"),
        new(CaseAction.ServePriorNotice, "送达行政处罚事先告知书", [Approved], Notified, [Role.Officer], [DocumentType.PriorNotice],
            "《行政处罚法》第四十四条"),
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
        new(CaseAction.RecordService, "记录送达", [Decided], Served, [Role.Officer], [], "《行政处罚法》第六十一条") { Procedures = Both },
        new(CaseAction.RecordPayment, "记录缴款", [Served], null, [Role.Officer, Role.Head], [], "《行政处罚法》第六十七条、第七十二条") { Procedures = Both },
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

        if (!step.Roles.Any(actor.Roles.Contains))
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

    private static Result<CaseStage> Guard(
        ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts f, CaseAction action, CaseActor actor, DateOnly today, bool preview) => action switch
        {
            CaseAction.File => TwoOfficers(f) ?? (Result<CaseStage>)Investigating,
            CaseAction.RefuseFiling => NotFiled,
            CaseAction.Transfer => Transferred,
            CaseAction.ConcludeInvestigation => Conclude(f, actor, preview),
            CaseAction.RecordLegalReview => Review(f, actor, preview),
            CaseAction.RecordDiscussion => Discussed,
            CaseAction.Approve => ReviewAndDiscussion(f) ?? (Result<CaseStage>)Approved,
            CaseAction.ServePriorNotice => f.ProposedOutcome == CaseOutcome.Penalty
                ? Notified
                : Error.Unprocessable("case.notice_not_needed", "拟不予行政处罚或者违法事实不能成立的，无需送达行政处罚事先告知书（《行政处罚法》第四十四条）。"),
            CaseAction.RecordStatement => f.Stage,
            CaseAction.ReviewStatement => ReviewStatement(f, preview),
            CaseAction.WaiveRights => f.RightsWaived
                ? Error.Conflict("case.rights_waived", "当事人放弃陈述申辩和听证已记录。")
                : f.Stage,
            CaseAction.RequestHearing => RequestHearing(policy, calendar, f, today),
            CaseAction.NoticeHearing => NoticeHearing(policy, calendar, f, today, preview),
            CaseAction.RecordHearing => RecordHearing(f, actor, today),
            CaseAction.Decide => Decide(policy, calendar, f, today, preview),
            CaseAction.DecideOnTheSpot => OnTheSpot(policy, f, actor, preview),
            CaseAction.RecordService => Served,
            CaseAction.RecordPayment => Payment(f, preview),
            CaseAction.Close => f.Stage == Served && f.AmountOutstanding > 0
                ? Error.Conflict("case.amount_outstanding", $"尚欠罚款及加处罚款 {f.AmountOutstanding:0.00} 元，执行完毕后方可结案。")
                : Closed,
            CaseAction.Archive => Archived,
            CaseAction.Suspend => f.Suspended
                ? Error.Conflict("case.suspension_state", "案件已处于中止状态。")
                : GroundCheck(policy.SuspensionGrounds, policy.RefusedGrounds, "中止", f, preview) ?? (Result<CaseStage>)f.Stage,
            CaseAction.Resume => f.Suspended ? f.Stage : Error.Conflict("case.suspension_state", "案件未中止，无需恢复。"),
            CaseAction.Extend => GroundCheck(policy.ExtensionGrounds, policy.RefusedGrounds, "延期", f, preview) ?? (Result<CaseStage>)f.Stage,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };

    private static Error? TwoOfficers(CaseFacts f) => f.CredentialedInvestigators >= 2
        ? null
        : Error.Unprocessable("case.two_officers",
            $"须由两名以上持有执法证的执法人员承办，目前仅 {f.CredentialedInvestigators} 名（《行政处罚法》第四十二条）。");

    private static Result<CaseStage> Conclude(CaseFacts f, CaseActor actor, bool preview)
    {
        if (!actor.IsInvestigator)
        {
            return Error.Forbidden("case.not_investigator", "只有本案承办人可以作出调查终结。");
        }

        if (!preview && (f.ProposedOutcome is null || (f.ProposedOutcome == CaseOutcome.Penalty && (f.ProposedPenalty is null || f.ProposedPenalty == Penalty.None))))
        {
            return Error.Unprocessable("case.outcome_missing", f.ProposedOutcome is null
                ? "调查终结报告须提出处理意见（给予处罚、不予处罚、违法事实不能成立或者移送）（《行政处罚法》第五十七条）。"
                : "拟给予行政处罚的，须写明拟处罚的种类和幅度。");
        }

        return InvestigationConcluded;
    }

    private static Result<CaseStage> Review(CaseFacts f, CaseActor actor, bool preview)
    {
        if (actor.IsInvestigator)
        {
            return Error.Forbidden("case.reviewer_is_investigator", "本案承办人不能对本案进行法制审核（《行政处罚法》第五十八条）。");
        }

        if (actor.IsFirstTimeReviewer && !actor.HasLegalQualification)
        {
            return Error.Forbidden("case.reviewer_unqualified", "初次从事法制审核的人员须取得国家统一法律职业资格（《行政处罚法》第五十八条第二款）。");
        }

        if (preview)
        {
            return f.Stage;
        }

        return f.RequestedReviewPassed switch
        {
            null => InputMissing("法制审核结论（通过或者退回）"),

            // Passed before the notice moves on; passed after a hearing leaves the case heard, ready to decide.
            true => f.Stage == Heard ? Heard : LegalReviewed,

            // Returned with opinions: back to the investigators for supplementary investigation.
            false => Investigating,
        };
    }

    private static Error? ReviewAndDiscussion(CaseFacts f)
    {
        if (f.LegalReviewRequired && f.LegalReviewPassed != true)
        {
            return Error.Unprocessable("case.legal_review_missing", "本案须经法制审核，未经审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）。");
        }

        return f.DiscussionRequired && !f.DiscussionRecorded
            ? Error.Unprocessable("case.discussion_missing", "情节复杂或者重大违法行为给予行政处罚，须经负责人集体讨论（《行政处罚法》第五十七条第二款）。")
            : null;
    }

    private static Result<CaseStage> ReviewStatement(CaseFacts f, bool preview)
    {
        if (f.UnreviewedStatements == 0)
        {
            return Error.Conflict("case.no_statement", "没有待复核的陈述申辩。");
        }

        return !preview && f.RequestedPenalty is { } requested && PenaltyRaised(f, requested) is { } raised ? raised : f.Stage;
    }

    private static Error? PenaltyRaised(CaseFacts f, Penalty requested) =>
        (f.ProposedPenalty ?? Penalty.None).AtLeastAsHeavyAs(requested)
            ? null
            : Error.Unprocessable("case.penalty_raised", "不得因当事人陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）。");

    private static Result<CaseStage> RequestHearing(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts f, DateOnly today)
    {
        if (!policy.GivesHearingRight(f.Party, f.ProposedPenalty))
        {
            var who = f.Party == PartyKind.Individual ? "公民" : "法人或者其他组织";
            return Error.Unprocessable("case.hearing_not_available",
                $"拟作出的处罚不属于听证范围：对{who}罚款或者没收达到 {policy.HearingFineThreshold(f.Party):0.00} 元，或者责令停产停业、吊销许可证等，方可要求听证（《行政处罚法》第六十三条）。");
        }

        if (f.NoticeServedOn is { } served && CaseDeadlines.Add(calendar, served, policy.HearingRequest) is var due && today > due)
        {
            return Error.Unprocessable("case.hearing_request_late", $"听证申请期限已于 {due:yyyy-MM-dd} 届满（告知后五个工作日内，《行政处罚法》第六十四条第一项）。");
        }

        return HearingRequested;
    }

    private static Result<CaseStage> NoticeHearing(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts f, DateOnly today, bool preview)
    {
        if (preview)
        {
            return HearingNoticed;
        }

        if (f.RequestedHearingDate is not { } date)
        {
            return InputMissing("听证日期");
        }

        var earliest = CaseDeadlines.EarliestHearing(policy, calendar, today);
        return date < earliest
            ? Error.Unprocessable("case.hearing_too_soon", $"应当在举行听证的七个工作日前通知当事人，今日通知的听证最早安排在 {earliest:yyyy-MM-dd}（《行政处罚法》第六十四条第二项）。")
            : HearingNoticed;
    }

    private static Result<CaseStage> RecordHearing(CaseFacts f, CaseActor actor, DateOnly today)
    {
        if (actor.IsInvestigator)
        {
            return Error.Forbidden("case.chair_is_investigator", "听证由非本案调查人员主持（《行政处罚法》第六十四条第四项）。");
        }

        return f.HearingDate is { } date && today >= date
            ? Heard
            : Error.Conflict("case.hearing_not_yet", f.HearingDate is { } d ? $"听证定于 {d:yyyy-MM-dd} 举行，尚未到期。" : "尚未确定听证日期。");
    }

    private static Result<CaseStage> Decide(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts f, DateOnly today, bool preview)
    {
        var outcome = preview ? f.RequestedOutcome ?? f.ProposedOutcome : f.RequestedOutcome;
        if (outcome is null)
        {
            return preview
                ? Error.Unprocessable("case.outcome_missing", "尚无拟处理意见。")
                : InputMissing("决定的处理结果");
        }

        if (outcome == CaseOutcome.Transfer)
        {
            return Error.Unprocessable("case.outcome_invalid", "移送司法机关或者其他机关的，请使用“移送”。");
        }

        var penalty = outcome == CaseOutcome.Penalty;
        if (penalty && f.Stage == Approved)
        {
            return Error.Unprocessable("case.notice_missing", "给予行政处罚前须先送达行政处罚事先告知书，告知当事人陈述、申辩和听证的权利（《行政处罚法》第四十四条、第六十二条）。");
        }

        if (f.Stage is HearingRequested or HearingNoticed && !f.RightsWaived)
        {
            return Error.Conflict("case.hearing_pending", "当事人已申请听证，须听证后（或者当事人明确放弃听证后）方可作出决定。");
        }

        if (f.UnreviewedEvidence > 0)
        {
            return Error.Unprocessable("case.evidence_unreviewed",
                $"有 {f.UnreviewedEvidence} 项证据未经审核，未经审核或者经审核不符合要求的电子技术监控记录不得作为处罚的证据（《行政处罚法》第四十一条）。");
        }

        if (f.UnreviewedStatements > 0)
        {
            return Error.Unprocessable("case.statement_unreviewed", $"有 {f.UnreviewedStatements} 份陈述申辩尚未复核（《行政处罚法》第四十五条）。");
        }

        if (ReviewAndDiscussion(f) is { Code: "case.legal_review_missing" } missing)
        {
            return missing;
        }

        if (f.Stage == Heard && f.HearingHeld && f.LegalReviewAfterHearingPassed != true)
        {
            return Error.Unprocessable("case.legal_review_missing", "经过听证程序的案件，作出决定前须进行法制审核（《行政处罚法》第五十八条第一款第二项）。");
        }

        if (f.Stage == Notified && !f.RightsWaived && f.NoticeServedOn is { } served)
        {
            var statementDue = CaseDeadlines.Add(calendar, served, policy.Statement);
            if (today <= statementDue)
            {
                return Error.Conflict("case.statement_window_open", $"陈述申辩期限至 {statementDue:yyyy-MM-dd} 届满，期间不得作出决定（当事人明确放弃的除外，《行政处罚法》第六十二条）。");
            }

            var hearingDue = CaseDeadlines.Add(calendar, served, policy.HearingRequest);
            if (policy.GivesHearingRight(f.Party, f.ProposedPenalty) && f.HearingRequestedOn is null && today <= hearingDue)
            {
                return Error.Conflict("case.hearing_window_open", $"听证申请期限至 {hearingDue:yyyy-MM-dd} 届满，期间不得作出决定（当事人明确放弃的除外，《行政处罚法》第六十四条）。");
            }
        }

        if (!preview && penalty)
        {
            if (f.RequestedPenalty is not { } requested || requested == Penalty.None)
            {
                return InputMissing("处罚的种类和幅度");
            }

            if (PenaltyRaised(f, requested) is { } raised)
            {
                return raised;
            }
        }

        return Decided;
    }

    private static Result<CaseStage> OnTheSpot(ProcedurePolicy policy, CaseFacts f, CaseActor actor, bool preview)
    {
        if (!actor.HasCredential)
        {
            return Error.Forbidden("case.credential", "当场处罚须由持有执法证的执法人员作出（《行政处罚法》第四十二条、第五十二条）。");
        }

        if (TwoOfficers(f) is { } two)
        {
            return two;
        }

        if (preview)
        {
            return Decided;
        }

        if (f.RequestedPenalty is not { } penalty)
        {
            return InputMissing("当场处罚的种类和幅度");
        }

        return SimpleProcedure.Refusal(policy, f.Party, penalty, f.FactsClear, f.LegalBasisGiven) is { } refusal ? refusal : Decided;
    }

    private static Result<CaseStage> Payment(CaseFacts f, bool preview)
    {
        if (preview || f.RequestedPayment is not { } paid)
        {
            return f.AmountOutstanding <= 0 ? Executed : Served;
        }

        if (paid <= 0)
        {
            return Error.Unprocessable("case.payment_invalid", "缴款金额须大于零。");
        }

        return paid > f.AmountOutstanding
            ? Error.Unprocessable("case.overpayment", $"缴款 {paid:0.00} 元超过尚欠金额 {f.AmountOutstanding:0.00} 元。")
            : f.AmountOutstanding - paid == 0 ? Executed : Served;
    }

    private static Error? GroundCheck(IReadOnlyList<Ground> allowed, IReadOnlyList<Ground> refused, string what, CaseFacts f, bool preview)
    {
        if (preview)
        {
            return null;
        }

        if (f.RequestedGround is not { } code)
        {
            return InputMissing($"{what}事由");
        }

        if (allowed.FirstOrDefault(g => g.Code == code) is { } ground)
        {
            return ground.Longest is { Unit: PeriodUnit.CalendarDays } longest && f.RequestedExtensionDays > longest.Count
                ? Error.Unprocessable("case.extension_too_long", $"“{ground.Text}”最多延长 {longest.Count} 日（{longest.Basis}）。")
                : null;
        }

        return refused.FirstOrDefault(g => g.Code == code) is { } bad
            ? Error.Unprocessable("case.ground_refused", $"“{bad.Text}”不是{what}的法定事由：{bad.Basis}。")
            : Error.Unprocessable("case.ground_unknown", $"“{code}”不是本案适用的程序规定所列的{what}事由。");
    }

    private static Error InputMissing(string what) => Error.Unprocessable("case.input_missing", $"请填写{what}。");

    /// <summary>The document's standard title (卫生行政执法文书规范) for refusals.</summary>
    private static string DocumentName(DocumentType type) => type switch
    {
        DocumentType.AcceptanceRecord => "案件受理记录",
        DocumentType.FilingReport => "立案报告",
        DocumentType.InspectionRecord => "现场笔录",
        DocumentType.InquiryRecord => "询问笔录",
        DocumentType.PreservationDecision => "证据先行登记保存决定书",
        DocumentType.InvestigationReport => "案件调查终结报告",
        DocumentType.DiscussionRecord => "合议记录",
        DocumentType.LegalReviewOpinion => "法制审核意见书",
        DocumentType.PriorNotice => "行政处罚事先告知书",
        DocumentType.HearingNotice => "听证通知书",
        DocumentType.HearingRecord => "听证笔录",
        DocumentType.PenaltyDecision => "行政处罚决定书",
        DocumentType.OnTheSpotDecision => "当场行政处罚决定书",
        DocumentType.NoPenaltyDecision => "不予行政处罚决定书",
        DocumentType.ServiceReceipt => "送达回执",
        DocumentType.Demand => "催告书",
        DocumentType.ClosingReport => "结案报告",
        DocumentType.SupervisionOpinion => "卫生监督意见书",
        _ => type.ToString(),
    };
}
