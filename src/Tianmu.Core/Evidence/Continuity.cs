using System.Text.Json;

namespace Tianmu.Evidence;

/// <summary>A stretch inside the window with no data (series) or no frames (recording).</summary>
public sealed record Gap(DateTimeOffset From, DateTimeOffset To)
{
    public double Seconds => (To - From).TotalSeconds;
}

/// <summary>
/// The continuity check of Z14 (清晰、连续、稳定、完整): the gaps found inside the item's window, against
/// the expected interval between samples or frames. <see cref="Checked"/> is false when the check could
/// not run (e.g. a recording ffprobe cannot read), and <see cref="Note"/> says why.
/// </summary>
public sealed record ContinuityReport(string Kind, bool Checked, bool Continuous, double? ExpectedIntervalSeconds, int Samples, IReadOnlyList<Gap> Gaps, string Note)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ContinuityReport? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ContinuityReport>(json, Json);

    public static ContinuityReport NotChecked(string kind, string note) => new(kind, false, false, null, 0, [], note);
}

public static class Continuity
{
    /// <summary>A silence longer than this many expected intervals is a gap (one or two lost samples are jitter).</summary>
    public const double GapFactor = 2.5;

    /// <summary>
    /// Gaps in a data series inside [from, to]: the expected interval is the median spacing of the samples
    /// (devices report at a steady rate; the median ignores the gaps themselves), and any silence longer
    /// than <see cref="GapFactor"/> intervals — between samples, or at the window's edges — is a gap.
    /// </summary>
    public static ContinuityReport Series(IEnumerable<DateTimeOffset> times, DateTimeOffset from, DateTimeOffset to)
    {
        var t = times.Where(x => x >= from && x <= to).Order().ToList();
        if (t.Count < 2)
        {
            return new ContinuityReport("series", true, false, null, t.Count,
                [new Gap(from, to)], t.Count == 0 ? "窗口内没有读数。" : "窗口内仅有一个读数，无法判断连续性。");
        }

        var expected = Median([.. t.Zip(t.Skip(1), (a, b) => (b - a).TotalSeconds)]);
        var gaps = FindGaps(t, from, to, TimeSpan.FromSeconds(expected * GapFactor));
        return new ContinuityReport("series", true, gaps.Count == 0, expected, t.Count, gaps,
            gaps.Count == 0 ? "窗口内数据连续。" : $"窗口内发现 {gaps.Count} 处数据中断（超过 {GapFactor} 倍上报间隔）。");
    }

    /// <summary>
    /// Gaps in a recording from its frame times (seconds from the start, as ffprobe reports them): the
    /// expected interval is the median frame spacing, and a pause longer than <see cref="GapFactor"/>
    /// intervals (at least one second) is a gap. The whole clip is the window.
    /// </summary>
    public static ContinuityReport Video(IReadOnlyList<double> frameSeconds, DateTimeOffset start, double? durationSeconds)
    {
        var f = frameSeconds.Order().ToList();
        if (f.Count < 2)
        {
            return new ContinuityReport("video", true, false, null, f.Count, [], "视频帧过少，无法判断连续性。");
        }

        var expected = Median([.. f.Zip(f.Skip(1), (a, b) => b - a)]);
        var limit = Math.Max(1.0, expected * GapFactor);
        var times = f.Select(s => start.AddSeconds(s)).ToList();
        var end = start.AddSeconds(Math.Max(durationSeconds ?? f[^1], f[^1]));
        var gaps = FindGaps(times, start, end, TimeSpan.FromSeconds(limit));
        return new ContinuityReport("video", true, gaps.Count == 0, expected, f.Count, gaps,
            gaps.Count == 0 ? "视频画面连续。" : $"视频中发现 {gaps.Count} 处画面中断（超过 {limit:0.##} 秒无帧）。");
    }

    private static List<Gap> FindGaps(List<DateTimeOffset> t, DateTimeOffset from, DateTimeOffset to, TimeSpan limit)
    {
        var gaps = new List<Gap>();
        if (t[0] - from > limit)
        {
            gaps.Add(new Gap(from, t[0]));
        }

        for (var i = 1; i < t.Count; i++)
        {
            if (t[i] - t[i - 1] > limit)
            {
                gaps.Add(new Gap(t[i - 1], t[i]));
            }
        }

        if (to - t[^1] > limit)
        {
            gaps.Add(new Gap(t[^1], to));
        }

        return gaps;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
