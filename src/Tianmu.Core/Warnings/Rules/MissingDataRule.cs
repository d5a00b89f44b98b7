namespace Tianmu.Warnings.Rules;

/// <summary>
/// 数据缺失 — a silence longer than Duration between two samples, or between the last sample and now,
/// is an episode from the last sample before it (raised once Duration has passed) to the next sample
/// (open while none has come). A silence of exactly Duration is allowed. The series needs a reference
/// point: pass at least the last sample before the span of interest; an empty series raises nothing.
/// </summary>
internal static class MissingDataRule
{
    public static List<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> samples, DateTimeOffset now)
    {
        var episodes = new List<Episode>();
        var allowed = rule.Duration!.Value;
        for (var i = 1; i < samples.Length; i++)
        {
            var (before, after) = (samples[i - 1], samples[i]);
            if (after.Time - before.Time > allowed)
            {
                var summary = $"{rule.Subject} 中断 {RuleText.Span(after.Time - before.Time)}无数据（允许间隔 {RuleText.Span(allowed)}）";
                episodes.Add(new Episode(before.Time, before.Time + allowed, after.Time, [before, after], summary));
            }
        }

        if (samples.Length > 0 && now - samples[^1].Time > allowed)
        {
            var last = samples[^1];
            var summary = $"{rule.Subject} 已 {RuleText.Span(now - last.Time)}无数据（允许间隔 {RuleText.Span(allowed)}）";
            episodes.Add(new Episode(last.Time, last.Time + allowed, null, [last], summary));
        }

        return episodes;
    }
}
