using Tianmu.Cases;

namespace Tianmu.Server.Cases;

/// <summary>Chinese names of the case vocabulary, for views and pages.</summary>
public static class CaseText
{
    public static string SourceName(CaseSource source) => source switch
    {
        CaseSource.Warning => "预警转线索",
        CaseSource.ProvincialClue => "省级平台推送",
        CaseSource.Complaint => "投诉举报",
        _ => "执法人员发现",
    };

    public static string ProcedureName(CaseProcedureKind kind) => kind == CaseProcedureKind.Simple ? "简易程序" : "普通程序";

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
            CaseSteps.FiledWithAgency => "备案",
            _ => action,
        };
}
