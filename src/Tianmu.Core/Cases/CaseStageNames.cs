namespace Tianmu.Cases;

public static class CaseStageNames
{
    /// <summary>The stage as shown to people and named in refusals.</summary>
    public static string ToChinese(this CaseStage stage) => stage switch
    {
        CaseStage.Accepted => "已受理",
        CaseStage.Investigating => "调查取证",
        CaseStage.InvestigationConcluded => "调查终结",
        CaseStage.LegalReviewed => "法制审核完成",
        CaseStage.Discussed => "集体讨论完成",
        CaseStage.Approved => "负责人已审批",
        CaseStage.Notified => "已事先告知",
        CaseStage.HearingRequested => "已申请听证",
        CaseStage.HearingNoticed => "已通知听证",
        CaseStage.Heard => "已听证",
        CaseStage.Decided => "已作出决定",
        CaseStage.Served => "已送达",
        CaseStage.Executed => "执行完毕",
        CaseStage.Closed => "已结案",
        CaseStage.Archived => "已归档",
        CaseStage.NotFiled => "不予立案",
        CaseStage.Transferred => "已移送",
        _ => stage.ToString(),
    };

    public static string ToChinese(this CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Penalty => "给予行政处罚",
        CaseOutcome.NoPenaltyMinor => "不予处罚（违法行为轻微并及时改正，没有造成危害后果）",
        CaseOutcome.NoPenaltyFirstViolation => "不予处罚（初次违法且危害后果轻微并及时改正）",
        CaseOutcome.NotEstablished => "违法事实不能成立",
        CaseOutcome.Transfer => "移送",
        _ => outcome.ToString(),
    };
}
