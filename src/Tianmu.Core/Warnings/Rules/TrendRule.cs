namespace Tianmu.Warnings.Rules;

/// <summary>
/// 苗头性/趋势性 — at each sample, a least-squares line is fitted to the samples of the last Window,
/// (t − Window, t]. If its value now is still within the limits but it reaches Min (falling) or Max
/// (rising) within Horizon, the rule holds; an episode is raised at the first sample where it holds
/// and ends at the first where it no longer does (one episode per crossing direction while it holds).
/// A fit counts only when it is meaningful, so noise around a flat mean does not predict a crossing:
/// at least Count samples (default <see cref="DefaultMinSamples"/>) spanning at least half the Window
/// (no extrapolating from the first minutes of a series or after a gap), the line explains at least
/// <see cref="MinRSquared"/> of the variance, and the slope is at least <see cref="MinSlopeT"/> standard
/// errors from zero (which decides for few samples, where a high R² comes easily by chance). On white
/// noise a 30-sample fit passes less than once in 100,000 windows; a 15-sample one about once in 1,000,
/// so packs should pick a Window that holds a few dozen readings. To re-evaluate a span, pass one Window
/// of samples before it, or its first fits will see a partial window.
/// </summary>
internal static class TrendRule
{
    public const int DefaultMinSamples = 5;
    public const double MinRSquared = 0.6;
    public const double MinSlopeT = 3.0;

    public static List<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> samples)
    {
        var episodes = new List<Episode>();
        var window = rule.Window!.Value;
        var horizon = rule.Horizon!.Value.TotalSeconds;
        var minSamples = rule.Count ?? DefaultMinSamples;
        var fit = new SlidingFit();
        var head = 0;
        Episode? raised = null;
        var direction = Breach.None;

        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            fit.Add(sample);
            while (samples[head].Time <= sample.Time - window)
            {
                fit.Remove(samples[head++]);
            }

            var holds = Breach.None;
            var slope = 0.0;
            var secondsToCross = 0.0;
            var span = sample.Time - samples[head].Time;
            if (fit.Count >= minSamples && span >= window / 2 && fit.TryLine(out slope, out var fitted) && fit.IsMeaningful(slope))
            {
                if (slope < 0 && fitted >= rule.Min && fitted + (slope * horizon) < rule.Min)
                {
                    holds = Breach.Low;
                    secondsToCross = (rule.Min.Value - fitted) / slope;
                }
                else if (slope > 0 && fitted <= rule.Max && fitted + (slope * horizon) > rule.Max)
                {
                    holds = Breach.High;
                    secondsToCross = (rule.Max.Value - fitted) / slope;
                }
            }

            if (raised is not null && holds != direction)
            {
                episodes.Add(raised with { End = sample.Time });
                raised = null;
            }

            if (raised is null && holds != Breach.None)
            {
                direction = holds;
                raised = new Episode(sample.Time, sample.Time, null, RuleEvaluator.Evidence(samples, head, i), Summary(rule, holds, slope, secondsToCross));
            }
        }

        if (raised is not null)
        {
            episodes.Add(raised);
        }

        return episodes;
    }

    private static string Summary(RuleDefinition rule, Breach direction, double slopePerSecond, double secondsToCross)
    {
        var (trend, limit) = direction == Breach.Low
            ? ("下降", $"低于下限 {RuleText.Quantity(rule.Min!.Value, rule.Unit)}")
            : ("上升", $"高于上限 {RuleText.Quantity(rule.Max!.Value, rule.Unit)}");
        var perHour = RuleText.Quantity(Math.Abs(slopePerSecond) * 3600, rule.Unit);
        var when = secondsToCross < 60 ? "即将" : $"约 {RuleText.Span(TimeSpan.FromSeconds(secondsToCross))}后";
        return $"{rule.Subject} 呈{trend}趋势（每小时 {perHour}），按此趋势{when}{limit}";
    }

    /// <summary>
    /// Running sums for a least-squares line over a sliding window, in O(1) per sample. Times are
    /// seconds relative to the newest sample (the sums are re-based on every add), which keeps them
    /// as small as the window and the arithmetic exact enough over any length of series.
    /// </summary>
    private sealed class SlidingFit
    {
        private DateTimeOffset origin;
        private double sx;
        private double sy;
        private double sxx;
        private double sxy;
        private double syy;

        public int Count { get; private set; }

        public void Add(Sample sample)
        {
            if (Count == 0)
            {
                sx = sy = sxx = sxy = syy = 0; // drop rounding left by earlier windows
            }
            else
            {
                var d = (sample.Time - origin).TotalSeconds;
                sxx += (-2 * d * sx) + (Count * d * d);
                sxy -= d * sy;
                sx -= Count * d;
            }

            origin = sample.Time;
            Count++;
            sy += sample.Value;
            syy += sample.Value * sample.Value;
        }

        public void Remove(Sample sample)
        {
            var x = (sample.Time - origin).TotalSeconds;
            Count--;
            sx -= x;
            sxx -= x * x;
            sxy -= x * sample.Value;
            sy -= sample.Value;
            syy -= sample.Value * sample.Value;
        }

        private double Cxx => sxx - (sx * sx / Count);

        private double Cxy => sxy - (sx * sy / Count);

        private double Cyy => syy - (sy * sy / Count);

        /// <summary>The slope per second and the fitted value at the newest sample; false when the values are flat or the times coincide.</summary>
        public bool TryLine(out double slope, out double valueNow)
        {
            slope = valueNow = 0;
            var meanY = sy / Count;
            var flat = Cyy <= 1e-12 * Count * (1 + (meanY * meanY));
            if (Cxx <= 0 || flat)
            {
                return false;
            }

            slope = Cxy / Cxx;
            valueNow = meanY - (slope * sx / Count);
            return true;
        }

        public bool IsMeaningful(double slope)
        {
            var rSquared = Cxy * Cxy / (Cxx * Cyy);
            if (rSquared < MinRSquared)
            {
                return false;
            }

            var residual = Math.Max(0, Cyy - (slope * Cxy));
            if (residual == 0)
            {
                return true; // a perfect line
            }

            var standardError = Math.Sqrt(residual / (Count - 2) / Cxx);
            return Math.Abs(slope) >= MinSlopeT * standardError;
        }
    }
}
