namespace Tianmu.Credit.Scoring;

/// <summary>
/// S13/Z15 — 自律报送: periods left overdue (less when reported late after all) and reports submitted after
/// their deadline, decayed by age. A late report of a period already counted as overdue is not counted twice.
/// </summary>
public static class SelfReportFactor
{
    public const string Name = "自律报送（按时报送）";

    public static CreditContribution Score(CreditHistory history, PointInTime t, SelfReportParameters p)
    {
        var facts = new List<CreditFact>();
        var overduePeriods = new HashSet<(Guid, DateOnly)>();
        foreach (var o in history.Overdue)
        {
            var age = t.AgeDays(o.DetectedAt);
            if (!t.Known(o.DetectedAt) || age > p.HorizonDays || t.Repaired(CreditFactKinds.OverdueReport, o.Id))
            {
                continue;
            }

            overduePeriods.Add((o.FormId, o.PeriodStart));
            var reported = o.ReportedAt is { } r && t.Known(r);
            facts.Add(Facts.Of(CreditFactKinds.OverdueReport, o.Id, Facts.DayOf(o.DetectedAt),
                $"{o.FormName}（{o.PeriodStart:yyyy-MM-dd} 起报送期）{(reported ? "逾期后补报" : "逾期未报")}",
                -p.OverduePoints * (reported ? p.ReportedLateFactor : 1) * Decay.Factor(age, p.HalfLifeDays)));
        }

        foreach (var late in history.LateReports)
        {
            var age = t.AgeDays(late.SubmittedAt);
            if (!t.Known(late.SubmittedAt) || age > p.HorizonDays || overduePeriods.Contains((late.FormId, late.PeriodStart))
                || t.Repaired(CreditFactKinds.SelfReport, late.Id))
            {
                continue;
            }

            facts.Add(Facts.Of(CreditFactKinds.SelfReport, late.Id, Facts.DayOf(late.SubmittedAt),
                $"{late.FormName}（{late.PeriodStart:yyyy-MM-dd} 起报送期）超过期限报送", -p.LatePoints * Decay.Factor(age, p.HalfLifeDays)));
        }

        return Facts.Contribution(ScoringModel.SelfReportsFactor, Name, facts);
    }
}
