using Tianmu.Cases;

namespace Tianmu.Server.Cases;

/// <summary>Chinese names of the case vocabulary, for views and pages.</summary>
public static class CaseText
{
    public static string StageName(CaseStage stage) => stage switch
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
        CaseStage.Decided => "已决定",
        CaseStage.Served => "已送达",
        CaseStage.Executed => "执行完毕",
        CaseStage.Closed => "已结案",
        CaseStage.Archived => "已归档",
        CaseStage.NotFiled => "不予立案",
        _ => "已移送",
    };

    public static string SourceName(CaseSource source) => source switch
    {
        CaseSource.Warning => "预警转线索",
        CaseSource.ProvincialClue => "省级平台推送",
        CaseSource.Complaint => "投诉举报",
        _ => "执法人员发现",
    };

    public static string ProcedureName(CaseProcedureKind kind) => kind == CaseProcedureKind.Simple ? "简易程序" : "普通程序";

    public static string OutcomeName(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Penalty => "给予行政处罚",
        CaseOutcome.NoPenaltyMinor => "不予处罚（违法行为轻微并及时改正）",
        CaseOutcome.NoPenaltyFirstViolation => "不予处罚（初次违法且危害后果轻微并及时改正）",
        CaseOutcome.NotEstablished => "违法事实不能成立",
        _ => "移送",
    };

    public static string PenaltyText(Penalty p)
    {
        var parts = new List<string>();
        if (p.Warning)
        {
            parts.Add("警告");
        }

        if (p.Fine > 0)
        {
            parts.Add($"罚款人民币{p.Fine:0.##}元");
        }

        if (p.Confiscation > 0)
        {
            parts.Add($"没收违法所得人民币{p.Confiscation:0.##}元");
        }

        if (p.Severe is { } severe)
        {
            parts.Add(severe);
        }

        return parts.Count == 0 ? "无" : string.Join("，", parts);
    }

    public static string ActionName(string action) => Enum.TryParse<CaseAction>(action, out var a)
        ? Tianmu.Cases.Procedure.ProcedureRules.Step(a).Name
        : action switch
        {
            "Accept" => "受理",
            "Assign" => "指定承办人",
            "AddEvidence" => "关联证据",
            _ => action,
        };
}
