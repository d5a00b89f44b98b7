namespace Tianmu.Warnings.Rules;

/// <summary>
/// 自报与监测比对 (S20/Z24) — a value the entity reported against what its own sensors measured at
/// the same time: the usable readings within ±Window/2 of the report, per device, summarised by their
/// median (one odd reading does not decide). The report is consistent if it agrees within Tolerance
/// with any device measuring the metric (a place with two pools may report either); it is suspect only
/// when every device with data disagrees. With no sensor data near the time there is no verdict. The
/// episode is the moment of the report: it starts and ends there.
/// </summary>
internal static class CrossCheckRule
{
    public static List<Episode> Evaluate(RuleDefinition rule, Sample reported, IReadOnlyList<IReadOnlyList<Sample>> devices)
    {
        var half = rule.Window!.Value / 2;
        var compared = devices
            .Select(series => series.Where(s => s.Usable && double.IsFinite(s.Value) && (s.Time - reported.Time).Duration() <= half).ToList())
            .Where(near => near.Count > 0)
            .Select(near => (Near: near, Median: Median(near)))
            .ToList();
        if (compared.Count == 0 || compared.Any(c => Math.Abs(c.Median - reported.Value) <= rule.Tolerance!.Value))
        {
            return [];
        }

        var closest = compared.MinBy(c => Math.Abs(c.Median - reported.Value));
        var summary = $"自报{rule.Subject} {RuleText.Quantity(reported.Value, rule.Unit)}，同时段在线监测 {RuleText.Quantity(closest.Median, rule.Unit)}，"
            + $"相差 {RuleText.Quantity(Math.Abs(closest.Median - reported.Value), rule.Unit)}，超过允许偏差 {RuleText.Quantity(rule.Tolerance!.Value, rule.Unit)}";
        List<Sample> evidence = [reported, .. closest.Near.Take(RuleEvaluator.EvidenceCap - 1)];
        return [new Episode(reported.Time, reported.Time, reported.Time, evidence, summary)];
    }

    private static double Median(List<Sample> samples)
    {
        var values = samples.Select(s => s.Value).Order().ToList();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
