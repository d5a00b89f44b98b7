namespace Tianmu.Warnings.Rules;

/// <summary>Which limit a value is beyond.</summary>
internal enum Breach
{
    None,

    /// <summary>Below Min.</summary>
    Low,

    /// <summary>Above Max.</summary>
    High,
}

/// <summary>
/// 阈值 — a value outside [Min, Max] (the limits themselves are inside) continuously for at least
/// Duration raises an episode at the first sample where the duration is reached; null or zero Duration
/// raises at the first such sample. Before raising, continuity is strict: one sample back inside (or on
/// the other side) restarts the run, so a short spike raises nothing. Once raised, the episode goes on
/// while values stay out or within the hysteresis band, and ends at the first sample ≥ Min + Hysteresis
/// (below-Min episode) or ≤ Max − Hysteresis (above-Max episode).
/// Gaps: two samples further apart than <see cref="RuleDefinition.MaxGap"/> (default Duration) are not
/// continuous — silence is no evidence that the value stayed out — so the run restarts and a raised
/// episode ends at the last sample before the gap.
/// </summary>
internal static class ThresholdRule
{
    public static Breach Classify(RuleDefinition rule, double value) =>
        value < rule.Min ? Breach.Low : value > rule.Max ? Breach.High : Breach.None;

    public static List<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> samples)
    {
        var episodes = new List<Episode>();
        var duration = rule.Duration ?? TimeSpan.Zero;
        var maxGap = rule.MaxGap ?? (duration > TimeSpan.Zero ? duration : (TimeSpan?)null);
        var hysteresis = rule.Hysteresis;

        var runStart = -1;           // first sample of the current out-of-range run, -1 when none
        var breach = Breach.None;    // side of the run or of the raised episode
        var worst = 0.0;             // furthest value in the run, for the summary
        Episode? raised = null;      // the open episode, once the run reached Duration

        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            if (i > 0 && sample.Time - samples[i - 1].Time > maxGap)
            {
                Close(samples[i - 1].Time);
            }

            if (raised is not null)
            {
                var held = breach == Breach.Low
                    ? sample.Value < rule.Min + hysteresis
                    : sample.Value > rule.Max - hysteresis;
                if (held)
                {
                    continue;
                }

                Close(sample.Time); // then look at this sample afresh: it may open a run on the other side
            }

            var side = Classify(rule, sample.Value);
            if (side == Breach.None)
            {
                runStart = -1;
                continue;
            }

            if (runStart < 0 || side != breach)
            {
                runStart = i;
                breach = side;
                worst = sample.Value;
            }
            else
            {
                worst = side == Breach.Low ? Math.Min(worst, sample.Value) : Math.Max(worst, sample.Value);
            }

            var start = samples[runStart].Time;
            if (sample.Time - start >= duration)
            {
                raised = new Episode(start, sample.Time, null, RuleEvaluator.Evidence(samples, runStart, i), Summary(rule, breach, worst, sample.Time - start));
            }
        }

        if (raised is not null)
        {
            episodes.Add(raised);
        }

        return episodes;

        void Close(DateTimeOffset end)
        {
            if (raised is not null)
            {
                episodes.Add(raised with { End = end });
            }

            raised = null;
            runStart = -1;
        }
    }

    private static string Summary(RuleDefinition rule, Breach breach, double worst, TimeSpan lasted)
    {
        var limit = breach == Breach.Low ? $"低于下限 {RuleText.Quantity(rule.Min!.Value, rule.Unit)}" : $"高于上限 {RuleText.Quantity(rule.Max!.Value, rule.Unit)}";
        var text = $"{rule.Subject} {RuleText.Quantity(worst, rule.Unit)} {limit}";
        return lasted > TimeSpan.Zero ? $"{text}，持续 {RuleText.Span(lasted)}" : text;
    }
}
