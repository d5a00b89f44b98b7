namespace Tianmu.Credit.Scoring;

/// <summary>
/// 量化分级 — where a public place has been graded for hygiene, its latest grading known on the day counts by level
/// (A offsets deductions a little; B, C and D lower the score). Older gradings are superseded by the latest.
/// </summary>
public static class HygieneFactor
{
    public const string Name = "公共场所卫生量化分级";

    public static CreditContribution Score(CreditHistory history, PointInTime t, HygieneParameters p)
    {
        var facts = new List<CreditFact>();
        var latest = history.HygieneGradings.Where(g => t.Known(g.GradedOn) && t.AgeDays(g.GradedOn) <= p.HorizonDays).MaxBy(g => g.GradedOn);
        if (latest is not null && !t.Repaired(CreditFactKinds.HygieneGrading, latest.Id))
        {
            facts.Add(Facts.Of(CreditFactKinds.HygieneGrading, latest.Id, latest.GradedOn, $"量化分级 {latest.Level} 级（{latest.Score:0.#} 分）", p.LevelPoints[latest.Level]));
        }

        return Facts.Contribution(ScoringModel.HygieneFactor, Name, facts);
    }
}
