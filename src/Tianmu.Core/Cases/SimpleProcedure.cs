using Tianmu.Cases.Procedure;
using Tianmu.Common;

namespace Tianmu.Cases;

/// <summary>当场处罚 (art. 51/52, S16/Z18): only a warning or a small fine with clear facts and a legal basis.</summary>
public static class SimpleProcedure
{
    /// <summary>Null when the penalty may be decided on the spot; otherwise the reason it may not.</summary>
    /// <remarks>Code <c>case.simple_not_allowed</c>; the detail lists every reason in Chinese.</remarks>
    public static Error? Refusal(ProcedurePolicy policy, PartyKind party, Penalty penalty, bool factsClear, bool basisGiven)
    {
        var reasons = new List<string>();
        if (!factsClear)
        {
            reasons.Add("违法事实不够确凿");
        }

        if (!basisGiven)
        {
            reasons.Add("未载明法定依据");
        }

        var limit = policy.SimpleFineLimit(party);
        if (penalty.Fine > limit)
        {
            var who = party == PartyKind.Individual ? "公民" : "法人或者其他组织";
            reasons.Add($"对{who}罚款 {penalty.Fine:0.00} 元，超过当场处罚限额 {limit:0.00} 元");
        }

        if (penalty.Confiscation > 0)
        {
            reasons.Add("没收违法所得或者非法财物不适用简易程序");
        }

        if (penalty.Severe is not null)
        {
            reasons.Add($"“{penalty.Severe}”不适用简易程序");
        }

        if (!penalty.Warning && penalty.Fine <= 0 && penalty.Confiscation <= 0 && penalty.Severe is null)
        {
            reasons.Add("未给予警告或者罚款");
        }

        return reasons.Count == 0
            ? null
            : Error.Unprocessable("case.simple_not_allowed", $"不能适用简易程序当场处罚：{string.Join("；", reasons)}（《行政处罚法》第五十一条）。");
    }
}
