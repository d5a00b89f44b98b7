namespace Tianmu.Warnings.Rules;

/// <summary>
/// 数据恒定 — at each sample, the longest run of samples ending there whose values span at most
/// Tolerance (max − min; null = exactly equal, allowing for rounding) is found. The rule holds when that
/// run covers at least Duration and has at least Count samples (default <see cref="DefaultMinSamples"/>),
/// so two readings far apart never look like a stuck sensor. An episode starts at the run's first
/// sample, is raised at the first sample where the rule holds and ends at the first where it no
/// longer does. Gaps do not break a run: a stuck sensor that also drops readings is still stuck.
/// </summary>
internal static class FlatLineRule
{
    public const int DefaultMinSamples = 5;

    public static List<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> samples)
    {
        var episodes = new List<Episode>();
        var duration = rule.Duration!.Value;
        var tolerance = rule.Tolerance ?? 0;
        var minSamples = rule.Count ?? DefaultMinSamples;

        // Monotonic deques of indices give the run's min and max in amortised O(1) per sample. Each index is
        // pushed once, so an array as long as the series holds each deque without wrapping round (the engine
        // evaluates windows of 10,000 samples every few seconds: a linked list allocated a node per sample).
        var highs = new IndexDeque(samples.Length);
        var lows = new IndexDeque(samples.Length);
        var runStart = 0;
        Episode? raised = null;

        for (var i = 0; i < samples.Length; i++)
        {
            var value = samples[i].Value;
            while (highs.Count > 0 && samples[highs.Last].Value <= value)
            {
                highs.RemoveLast();
            }

            while (lows.Count > 0 && samples[lows.Last].Value >= value)
            {
                lows.RemoveLast();
            }

            highs.AddLast(i);
            lows.AddLast(i);
            while (samples[highs.First].Value - samples[lows.First].Value > tolerance + (1e-9 * Math.Max(1, Math.Abs(value))))
            {
                runStart++;
                if (highs.First < runStart)
                {
                    highs.RemoveFirst();
                }

                if (lows.First < runStart)
                {
                    lows.RemoveFirst();
                }
            }

            var holds = samples[i].Time - samples[runStart].Time >= duration && i - runStart + 1 >= minSamples;
            if (raised is not null && !holds)
            {
                episodes.Add(raised with { End = samples[i].Time });
                raised = null;
            }
            else if (raised is null && holds)
            {
                var low = samples[lows.First].Value;
                var high = samples[highs.First].Value;
                raised = new Episode(samples[runStart].Time, samples[i].Time, null, RuleEvaluator.Evidence(samples, runStart, i), Summary(rule, low, high, samples[i].Time - samples[runStart].Time, i - runStart + 1));
            }
        }

        if (raised is not null)
        {
            episodes.Add(raised);
        }

        return episodes;
    }

    private static string Summary(RuleDefinition rule, double low, double high, TimeSpan lasted, int count)
    {
        var values = low == high
            ? $"恒为 {RuleText.Quantity(low, rule.Unit)}"
            : $"仅在 {RuleText.Number(low)}–{RuleText.Quantity(high, rule.Unit)} 之间变化";
        return $"{rule.Subject} 读数 {RuleText.Span(lasted)}内{values}（{count} 个读数），疑似传感器卡滞或人为干扰";
    }

    /// <summary>A deque of increasing indices, each added once: an array with a head and a tail.</summary>
    private sealed class IndexDeque(int capacity)
    {
        private readonly int[] items = new int[Math.Max(1, capacity)];
        private int head;
        private int tail;

        public int Count => tail - head;

        public int First => items[head];

        public int Last => items[tail - 1];

        public void AddLast(int index) => items[tail++] = index;

        public void RemoveFirst() => head++;

        public void RemoveLast() => tail--;
    }
}
