using Tianmu.Warnings;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// 预警及整改 — warnings of the model's categories (violations by default; device and self-report warnings are
/// read by their own factors) weighted by severity and by how fast they were rectified, decayed by age.
/// </summary>
public static class WarningFactor
{
    public const string Name = "预警及整改情况";

    public static CreditContribution Score(CreditHistory history, PointInTime t, WarningParameters p)
    {
        var facts = new List<CreditFact>();
        foreach (var w in history.Warnings)
        {
            var age = t.AgeDays(w.RaisedAt);
            if (!Facts.Contains(p.Categories, w.Category.ToString()) || !t.Known(w.RaisedAt) || age > p.HorizonDays || t.Repaired(CreditFactKinds.Warning, w.Id))
            {
                continue;
            }

            var status = Facts.StatusOn(w, t);
            if (status == WarningStatus.FalseAlarm)
            {
                continue;
            }

            var (factor, handling) = Handling(w, status, t, p);
            var points = -p.SeverityPoints[w.Severity.ToString()] * factor * Decay.Factor(age, p.HalfLifeDays);
            facts.Add(Facts.Of(CreditFactKinds.Warning, w.Id, Facts.DayOf(w.RaisedAt), $"{w.RuleName}（{w.Severity.ToChinese()}，{handling}）", points));
        }

        return Facts.Contribution(ScoringModel.WarningsFactor, Name, facts);
    }

    /// <summary>How handling weighs a warning: rectified fast, rectified, past its rectification deadline, or still open.</summary>
    public static (double Factor, string Handling) Handling(WarningFact w, WarningStatus status, PointInTime t, WarningParameters p) => status switch
    {
        WarningStatus.Rectified when (w.UpdatedAt!.Value - w.RaisedAt).TotalDays <= p.RectifiedFastDays => (p.RectifiedFastFactor, $"{p.RectifiedFastDays} 日内整改"),
        WarningStatus.Rectified => (p.RectifiedFactor, "已整改"),
        WarningStatus.RectificationOrdered when w.RectifyBy < t.AsOf => (p.OverdueFactor, "逾期未整改"),
        WarningStatus.RectificationOrdered => (p.OpenFactor, "整改中"),
        WarningStatus.TurnedIntoClue => (p.OpenFactor, "已转线索"),
        _ => (p.OpenFactor, "待处理"),
    };
}
