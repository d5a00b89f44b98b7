namespace Tianmu.Warnings.Rules;

/// <summary>
/// 超限次数 — at least Count out-of-range samples within a sliding Window raises, at the sample that
/// makes the count. The window ending at time t holds the samples in (t − Window, t]: samples exactly
/// Window apart are never in the same window. The episode lasts while the window still holds Count,
/// i.e. it ends at the Count-th most recent out-of-range sample's time + Window unless another one
/// arrives before; that end is known once now (or the last sample) has reached it, otherwise the
/// episode is open. In-range samples neither count nor end anything. For AI event counts every
/// sample is one recognised event, so every one counts.
/// </summary>
internal static class CountInWindowRule
{
    public static List<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> samples, DateTimeOffset now)
    {
        var episodes = new List<Episode>();
        var count = rule.Count!.Value;
        var window = rule.Window!.Value;
        var outside = new List<int>(); // indices of out-of-range samples; those before head have left the window
        var head = 0;
        Episode? raised = null;
        DateTimeOffset? lastEnd = null;

        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            if (raised is not null && EndOf(samples, outside, count, window) is var ended && sample.Time >= ended)
            {
                Close(ended);
            }

            if (!Counts(rule, sample))
            {
                continue;
            }

            outside.Add(i);
            while (samples[outside[head]].Time <= sample.Time - window)
            {
                head++;
            }

            if (raised is null && outside.Count - head >= count)
            {
                var inWindow = new Sample[outside.Count - head];
                for (var j = 0; j < inWindow.Length; j++)
                {
                    inWindow[j] = samples[outside[head + j]];
                }

                var start = inWindow[0].Time;
                if (lastEnd > start)
                {
                    start = lastEnd.Value; // episodes of one rule never overlap
                }

                raised = new Episode(start, sample.Time, null, RuleEvaluator.Evidence(inWindow, 0, inWindow.Length - 1), Summary(rule, inWindow.Length, window));
            }
        }

        if (raised is not null)
        {
            var end = EndOf(samples, outside, count, window);
            var known = samples[^1].Time > now ? samples[^1].Time : now; // a device clock ahead of ours still shows what happened
            episodes.Add(end <= known ? raised with { End = end } : raised);
        }

        return episodes;

        void Close(DateTimeOffset end)
        {
            episodes.Add(raised! with { End = end });
            lastEnd = end;
            raised = null;
        }
    }

    /// <summary>While raised the window holds at least Count, so the Count-th most recent is inside it.</summary>
    private static DateTimeOffset EndOf(ReadOnlySpan<Sample> samples, List<int> outside, int count, TimeSpan window) =>
        samples[outside[^count]].Time + window;

    private static bool Counts(RuleDefinition rule, Sample sample) =>
        rule.Kind == RuleKind.AiEventCount || ThresholdRule.Classify(rule, sample.Value) != Breach.None;

    private static string Summary(RuleDefinition rule, int found, TimeSpan window) => rule.Kind == RuleKind.AiEventCount
        ? $"{RuleText.Span(window)}内识别到“{rule.Subject}” {found} 次"
        : $"{rule.Subject} {RuleText.Span(window)}内 {found} 次超出{RuleText.Limits(rule)}";
}
