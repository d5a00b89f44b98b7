using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>Threshold with minimum duration and hysteresis, on GB 37488-2019 pool free chlorine 0.3–1.0 mg/L.</summary>
public sealed class ThresholdRuleTests
{
    private static readonly RuleDefinition Chlorine = PoolChlorine(TimeSpan.FromMinutes(10));

    [Fact]
    public void LowForExactlyTheDurationRaisesAtTheSampleThatReachesIt()
    {
        var series = Minutely([0.5, .. Repeat(0.2, 11), 0.5]); // low from minute 1 to 11: 10 minutes

        var episode = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(20)));

        Assert.Equal(At(1), episode.Start);
        Assert.Equal(At(11), episode.RaisedAt);
        Assert.Equal(At(12), episode.End);
        Assert.Equal(series[1..12], episode.Evidence);
    }

    [Fact]
    public void LowForOneSampleLessThanTheDurationRaisesNothing()
    {
        var series = Minutely([0.5, .. Repeat(0.2, 10), 0.5]); // low from minute 1 to 10: 9 minutes

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(20)));
    }

    [Fact]
    public void TheSummaryGivesTheWorstValueTheLimitAndHowLongItLasted()
    {
        var series = Minutely([0.5, 0.25, .. Repeat(0.12, 17), 0.2]);

        var episode = Assert.Single(RuleEvaluator.Evaluate(PoolChlorine(TimeSpan.FromMinutes(18)), series, At(30)));

        Assert.Equal("游离性余氯 0.12 mg/L 低于下限 0.3 mg/L，持续 18 分钟", episode.Summary);
        Assert.Null(episode.End);
    }

    [Fact]
    public void HoveringAtTheLimitWithinTheHysteresisBandKeepsOneEpisode()
    {
        // Raised, then hovering around 0.3 but below 0.3 + 0.05.
        var series = Minutely([.. Repeat(0.2, 11), 0.29, 0.31, 0.34, 0.29, 0.33, 0.3, 0.25, 0.34]);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(30)));

        Assert.Equal(At(10), episode.RaisedAt);
        Assert.Null(episode.End);
    }

    [Fact]
    public void ComingBackPastTheBandEndsTheEpisodeAndANewDipNeedsTheFullDurationAgain()
    {
        // Raised at 10, back to 0.36 (past 0.35) at 13, low again for 5 minutes, then low for 10.
        var series = Minutely([.. Repeat(0.2, 11), 0.32, 0.33, 0.36, .. Repeat(0.25, 6), 0.5, .. Repeat(0.2, 11)]);

        var episodes = RuleEvaluator.Evaluate(Chlorine, series, At(60));

        Assert.Equal(2, episodes.Count);
        Assert.Equal(At(13), episodes[0].End);
        Assert.Equal((At(21), At(31), (DateTimeOffset?)null), (episodes[1].Start, episodes[1].RaisedAt, episodes[1].End));
    }

    [Fact]
    public void ReturningExactlyToTheLimitPlusHysteresisEnds()
    {
        var series = Minutely([.. Repeat(0.2, 11), 0.35]);

        Assert.Equal(At(11), Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(20))).End);
    }

    [Fact]
    public void AboveTheUpperLimitWithoutDurationRaisesAtOnce()
    {
        // GB 37488-2019 pool turbidity ≤ 1 NTU; the limit itself is compliant.
        var turbidity = Chlorine with { Name = "浑浊度", Unit = "NTU", Min = null, Max = 1, Duration = null, Hysteresis = 0 };
        var series = Minutely(0.5, 1.0, 1.2, 1.1, 0.9, 1.0);

        var episode = Assert.Single(RuleEvaluator.Evaluate(turbidity, series, At(10)));

        Assert.Equal((At(2), At(2), (DateTimeOffset?)At(4)), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal("浑浊度 1.2 NTU 高于上限 1 NTU", episode.Summary);
        Assert.Equal([series[2]], episode.Evidence);
    }

    [Fact]
    public void JumpingFromBelowToAboveEndsOneEpisodeAndStartsTheOther()
    {
        var immediate = Chlorine with { Duration = null };
        var series = Minutely(0.2, 0.2, 1.5, 1.5);

        var episodes = RuleEvaluator.Evaluate(immediate, series, At(10));

        Assert.Equal(2, episodes.Count);
        Assert.Equal(At(2), episodes[0].End);
        Assert.Equal(At(2), episodes[1].Start);
        Assert.Contains("高于上限 1 mg/L", episodes[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AGapLongerThanTheDurationBreaksContinuity()
    {
        // Low readings 0–6 and 20–26: no stretch of 10 minutes is covered by readings (gap bound defaults to Duration).
        var series = AtMinutes(0.2, 0, 1, 2, 3, 4, 5, 6, 20, 21, 22, 23, 24, 25, 26);

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(30)));

        var tolerant = Chlorine with { MaxGap = TimeSpan.FromMinutes(15) };
        var episode = Assert.Single(RuleEvaluator.Evaluate(tolerant, series, At(30)));
        Assert.Equal((At(0), At(20)), (episode.Start, episode.RaisedAt));
    }

    [Fact]
    public void AGapEndsARaisedEpisodeAtTheLastReadingBeforeIt()
    {
        var series = AtMinutes(0.2, [.. Enumerable.Range(0, 15).Select(m => (double)m), .. Enumerable.Range(45, 15).Select(m => (double)m)]);

        var episodes = RuleEvaluator.Evaluate(Chlorine, series, At(60));

        Assert.Equal(2, episodes.Count);
        Assert.Equal((At(0), At(10), (DateTimeOffset?)At(14)), (episodes[0].Start, episodes[0].RaisedAt, episodes[0].End));
        Assert.Equal((At(45), At(55), (DateTimeOffset?)null), (episodes[1].Start, episodes[1].RaisedAt, episodes[1].End));
    }

    [Fact]
    public void EvidenceKeepsTheFirstSamplesAndTheOneThatRaised()
    {
        var series = Minutely(Repeat(0.2, 200));

        var episode = Assert.Single(RuleEvaluator.Evaluate(PoolChlorine(TimeSpan.FromHours(3)), series, At(200)));

        Assert.Equal(RuleEvaluator.EvidenceCap, episode.Evidence.Count);
        Assert.Equal(series[..99], episode.Evidence.Take(99));
        Assert.Equal(series[180], episode.Evidence[^1]);
        Assert.Equal(At(180), episode.RaisedAt);
    }

    [Fact]
    public void ADayOfPoolDataWithOneRealLowChlorineEpisodeRaisesExactlyOne()
    {
        // GB 37488-2019: a day of minute readings around 0.55 mg/L; at 09:00 a 5-minute dip (dosing pump
        // restart) that must raise nothing; from 14:00 a real 40-minute low that recovers through the band.
        var random = new Random(37488);
        var values = Enumerable.Range(0, 1440).Select(_ => 0.55 + ((random.NextDouble() - 0.5) * 0.1)).ToArray();
        for (var m = 540; m < 545; m++)
        {
            values[m] = 0.18;
        }

        for (var m = 840; m < 880; m++)
        {
            values[m] = 0.12 + ((random.NextDouble() - 0.5) * 0.06);
        }

        double[] recovery = [0.28, 0.31, 0.29, 0.32, 0.33, 0.3, 0.34, 0.33];
        recovery.CopyTo(values, 880);
        var series = Minutely(values);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(1440)));

        Assert.Equal(At(840), episode.Start);
        Assert.Equal(At(850), episode.RaisedAt);
        Assert.Equal(At(888), episode.End);
        Assert.All(episode.Evidence, s => Assert.True(s.Value < 0.3));
        Assert.Equal(11, episode.Evidence.Count);
    }

    [Fact]
    public void UnusableReadingsInsideALowRunAreSkippedNotCounted()
    {
        // Minutes 5–7 are a maintenance flush (unusable, and in range): they neither break the run nor count as evidence.
        var series = Minutely(Repeat(0.2, 13));
        for (var m = 5; m <= 7; m++)
        {
            series[m] = series[m] with { Value = 0.6, Usable = false };
        }

        var episode = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(20)));

        Assert.Equal(At(10), episode.RaisedAt);
        Assert.Equal([.. series[..5], .. series[8..11]], episode.Evidence);
    }

    [Fact]
    public void ReEvaluatingAWindowThatStartsWithTheRunGivesTheSameEpisode()
    {
        // The caller re-evaluates a window when late readings arrive; the episode must come out the same.
        var series = Minutely([.. Repeat(0.5, 30), .. Repeat(0.2, 25), .. Repeat(0.5, 10)]);

        var whole = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(70)));
        var window = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series[28..], At(70)));

        SameEpisode(whole, window);
    }

    [Fact]
    public void AHundredThousandSamplesAreEvaluatedInOnePass()
    {
        // Sanity for the linear scan: 100 lows of 20 minutes in 100,000 minute readings, each raised once.
        var values = new double[100_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 1000 < 20 ? 0.2 : 0.5;
        }

        var episodes = RuleEvaluator.Evaluate(Chlorine, Minutely(values), At(100_000));

        Assert.Equal(100, episodes.Count);
        Assert.All(episodes, e => Assert.Equal(TimeSpan.FromMinutes(10), e.RaisedAt - e.Start));
        Assert.All(episodes, e => Assert.Equal(TimeSpan.FromMinutes(20), e.End - e.Start));
    }
}
