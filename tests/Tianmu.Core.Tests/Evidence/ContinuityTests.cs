using Tianmu.Evidence;

namespace Tianmu.Tests.Evidence;

/// <summary>Z14 (清晰、连续、稳定、完整): gaps in a series or recording are found against the usual spacing.</summary>
public sealed class ContinuityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASeriesWithASilenceLongerThanTheUsualSpacingHasAGap()
    {
        var times = Enumerable.Range(0, 60).Where(i => i is < 20 or > 30).Select(i => T0.AddMinutes(i));
        var report = Continuity.Series(times, T0, T0.AddMinutes(59));
        Assert.False(report.Continuous);
        Assert.Equal(60, report.ExpectedIntervalSeconds);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal((T0.AddMinutes(19), T0.AddMinutes(31)), (gap.From, gap.To));
    }

    [Fact]
    public void JitterAndASingleLostSampleAreNotGapsButEmptyEdgesAre()
    {
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 30; i++)
        {
            if (i != 12)
            {
                times.Add(T0.AddSeconds((i * 60) + (i % 3)));
            }
        }

        Assert.True(Continuity.Series(times, T0, T0.AddMinutes(29)).Continuous);
        var late = Continuity.Series(times, T0.AddMinutes(-10), T0.AddMinutes(29));
        Assert.Equal(T0.AddMinutes(-10), Assert.Single(late.Gaps).From);
    }

    [Fact]
    public void ARecordingThatStopsForSecondsHasAGap()
    {
        var frames = Enumerable.Range(0, 100).Select(i => i / 25.0).Concat(Enumerable.Range(0, 50).Select(i => 10 + (i / 25.0))).ToList();
        var report = Continuity.Video(frames, T0, 12);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal(T0.AddSeconds(99 / 25.0), gap.From);
        Assert.True(Continuity.Video([.. Enumerable.Range(0, 250).Select(i => i / 25.0)], T0, 10).Continuous);
    }

    [Fact]
    public void CanonicalNumbersAndTimesHaveOneForm()
    {
        Assert.Equal("0.30000000000000004", CanonicalJson.Number(0.1 + 0.2));
        Assert.Equal("2", CanonicalJson.Number(2.0));
        Assert.Equal("2026-03-01T02:00:00.000001Z", CanonicalJson.Time(T0.AddTicks(10).ToOffset(TimeSpan.FromHours(8))));
        using var json = new CanonicalJson();
        Assert.Equal("{\"b\":1.5,\"a\":null}", System.Text.Encoding.UTF8.GetString(json.Begin().Num("b", 1.5).Num("a", double.NaN).End().ToBytes()));
    }
}
