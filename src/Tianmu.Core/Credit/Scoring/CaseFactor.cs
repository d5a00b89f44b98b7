using Tianmu.Cases;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// 案件与处罚 — decided cases by outcome and penalty (art. 57, 59), decayed from the decision day. Facts not
/// established do not count; cases about false information or tampering are scored by
/// <see cref="FalseInformationFactor"/> instead, so no case counts twice.
/// </summary>
public static class CaseFactor
{
    public const string Name = "案件与行政处罚";

    public static CreditContribution Score(CreditHistory history, PointInTime t, CaseParameters p, FalseInformationParameters falseInformation)
    {
        var facts = new List<CreditFact>();
        foreach (var c in history.Cases)
        {
            var age = t.AgeDays(c.DecidedOn);
            if (!t.Known(c.DecidedOn) || age > p.HorizonDays || t.Repaired(CreditFactKinds.Case, c.Id)
                || FalseInformationFactor.Concerns(c, history, falseInformation) || Weight(c, p) is not { } weight)
            {
                continue;
            }

            facts.Add(Facts.Of(CreditFactKinds.Case, c.Id, c.DecidedOn, $"{c.Title}（{weight.Label}）", -weight.Points * Decay.Factor(age, p.HalfLifeDays)));
        }

        return Facts.Contribution(ScoringModel.CasesFactor, Name, facts);
    }

    /// <summary>What a decision weighs; null when the violation was not established.</summary>
    public static (double Points, string Label)? Weight(CaseFact c, CaseParameters p) => c.Outcome switch
    {
        CaseOutcome.NotEstablished => null,
        CaseOutcome.NoPenaltyMinor or CaseOutcome.NoPenaltyFirstViolation => (p.NoPenaltyPoints, "违法事实成立，依法不予处罚"),
        CaseOutcome.Transfer => (p.TransferPoints, "已移送"),
        _ when c.Severe is not null => (p.SeverePoints, c.Severe),
        _ when c.Fine >= p.LargeFine => (p.LargeFinePoints, $"罚款 {c.Fine:N2} 元"),
        _ when c.Fine > 0 => (p.FinePoints, $"罚款 {c.Fine:N2} 元"),
        _ => (p.WarningPoints, "警告"),
    };
}
