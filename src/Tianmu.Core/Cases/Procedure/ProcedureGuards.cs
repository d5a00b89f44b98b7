using Tianmu.Calendar;
using Tianmu.Common;
using Tianmu.Documents;
using static Tianmu.Cases.CaseStage;

namespace Tianmu.Cases.Procedure;

/// <summary>The guards of each step: the preconditions <see cref="Check"/> applies after role and stage.</summary>
public static partial class ProcedureRules
{
    private static Result<CaseStage> Guard(
        ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts f, CaseAction action, CaseActor actor, DateOnly today, bool preview) => action switch
        {
            CaseAction.File => TwoOfficers(f) ?? (Result<CaseStage>)Investigating,
            CaseAction.RefuseFiling => NotFiled,
            CaseAction.PreserveEvidence => f.PreservationOpen
                ? Error.Conflict("case.preservation_state", "已有先行登记保存的证据尚未作出处理决定，请先处理（《行政处罚法》第五十六条）。")
                : f.Stage,
            CaseAction.HandlePreservedEvidence => f.PreservationOpen
                ? f.Stage
                : Error.Conflict("case.preservation_state", "没有待处理的先行登记保存证据。"),
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
            CaseAction.DeferPayment => DeferPayment(f, today, preview),
            CaseAction.RecordRemedy => RecordRemedy(f, today, preview),
            CaseAction.EndRemedy => EndRemedy(f, today, preview),
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

    /// <summary>Art. 66: deferral needs something owed and a later last day to pay than today.</summary>
    private static Result<CaseStage> DeferPayment(CaseFacts f, DateOnly today, bool preview)
    {
        if (f.AmountOutstanding <= 0)
        {
            return Error.Conflict("case.amount_outstanding", "没有尚欠的罚款，无需暂缓或分期缴纳。");
        }

        return preview || f.RequestedDeferTo is { } to && to > today
            ? f.Stage
            : Error.Unprocessable("case.deferral_invalid", "请填写晚于今天的暂缓（分期）缴纳截止日期（《行政处罚法》第六十六条）。");
    }

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
