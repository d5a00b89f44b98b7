using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Where in a window a rule can be evaluated afresh and still find every episode that is not over
/// before the readings it has not seen yet — so an evaluation costs what arrived, not the window.
/// A threshold rule forgets everything at a reading inside its limits narrowed by the hysteresis: an
/// episode ends there and no run is under way, whatever came before. A missing-data rule compares each
/// reading with the one before it. Episodes before that point were found by earlier evaluations and
/// are over. Other kinds carry state across their whole window (a count, a fit, a flat run) and are
/// evaluated over all of it, less often (<see cref="WarningEngine.FullEvery"/>).
/// </summary>
internal static class RuleResumption
{
    public static bool Resumable(RuleDefinition rule) => rule.Kind is RuleKind.Threshold or RuleKind.MissingData;

    /// <summary>The index to evaluate <paramref name="series"/> from, given that samples from <paramref name="firstNew"/> on are unseen; 0 when no such point exists.</summary>
    public static int ResumeAt(RuleDefinition rule, ReadOnlySpan<Sample> series, int firstNew)
    {
        for (var i = Math.Min(firstNew, series.Length) - 1; i >= 0; i--)
        {
            var sample = series[i];
            if (Admissible(rule, sample) && (rule.Kind == RuleKind.MissingData || Resets(rule, sample.Value)))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>As <see cref="RuleEvaluator"/> admits samples: unusable ones only for device rules, non-finite ones only for missing data.</summary>
    private static bool Admissible(RuleDefinition rule, Sample sample) =>
        (rule.Category == WarningCategory.Device || sample.Usable) && (rule.Kind == RuleKind.MissingData || double.IsFinite(sample.Value));

    /// <summary>Neither holds a raised episode (beyond the hysteresis) nor starts or continues a run.</summary>
    private static bool Resets(RuleDefinition rule, double value) =>
        (rule.Min is not { } min || value >= min + rule.Hysteresis) && (rule.Max is not { } max || value <= max - rule.Hysteresis);
}
