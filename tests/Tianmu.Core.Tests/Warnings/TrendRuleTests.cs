using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>苗头性/趋势性 warnings: a fitted line predicting a crossing of the GB 37488-2019 pool limits.</summary>
public sealed class TrendRuleTests
{
    /// <summary>Free chlorine 0.3–1.0 mg/L: a 30-minute fit predicting a crossing within 30 minutes.</summary>
    private static readonly RuleDefinition Chlorine = PoolChlorine() with
    {
        Code = "pool.free_chlorine.trend",
        Kind = RuleKind.Trend,
        Category = WarningCategory.Trend,
        Duration = null,
        Window = TimeSpan.FromMinutes(30),
        Horizon = TimeSpan.FromMinutes(30),
    };

    [Fact]
    public void FallingChlorinePredictsTheCrossingBeforeItHappens()
    {
        // 0.6 mg/L falling 0.005 a minute with sensor noise: below 0.3 from about minute 60.
        var random = new Random(5);
        var series = Minutely([.. Enumerable.Range(0, 90).Select(m => 0.6 - (0.005 * m) + ((random.NextDouble() - 0.5) * 0.01))]);
        var firstLow = series.First(s => s.Value < 0.3).Time;

        var episode = Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(90)));

        Assert.InRange(episode.RaisedAt, At(25), At(35)); // fitted value ≈ 0.45: 30 minutes from the limit
        Assert.True(episode.RaisedAt < firstLow.AddMinutes(-20));
        Assert.All(episode.Evidence, s => Assert.True(s.Value > 0.3));
        Assert.Equal(episode.RaisedAt, episode.Evidence[^1].Time);
        Assert.NotNull(episode.End); // once the fitted value itself is below the limit it is the threshold rule's business
        Assert.InRange(episode.End!.Value, At(55), At(65));
        Assert.Matches(@"^游离性余氯 呈下降趋势（每小时 0\.\d+ mg/L），按此趋势约 \d+ 分钟后低于下限 0\.3 mg/L$", episode.Summary);
    }

    [Fact]
    public void RisingPhPredictsCrossingTheUpperLimit()
    {
        // GB 37488-2019 pool pH 7.0–7.8, rising 0.01 a minute from 7.3.
        var ph = Chlorine with { Name = "pH", Unit = null, Min = 7.0, Max = 7.8 };
        var series = Minutely([.. Enumerable.Range(0, 40).Select(m => 7.305 + (0.01 * m))]);

        var episode = Assert.Single(RuleEvaluator.Evaluate(ph, series, At(40)));

        Assert.Equal(At(20), episode.RaisedAt); // fitted 7.505 at minute 20, above 7.8 by minute 50
        Assert.Contains("上升", episode.Summary, StringComparison.Ordinal);
        Assert.Contains("高于上限 7.8", episode.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoiseAroundAFlatMeanJustAboveTheLimitNeverPredictsACrossing()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var random = new Random(seed);
            var series = Minutely([.. Enumerable.Range(0, 1440).Select(_ => 0.34 + ((random.NextDouble() - 0.5) * 0.04))]);

            Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(1440)));
        }
    }

    [Fact]
    public void FewerThanTheMinimumSamplesPredictNothing()
    {
        // A steep clean fall, one reading every 5 minutes: the fifth reading is the first fit allowed.
        var series = Enumerable.Range(0, 5).Select(i => new Sample(At(i * 5), 0.7 - (0.05 * i), true)).ToList();

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series[..4], At(20)));
        Assert.Equal(At(20), Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(20))).RaisedAt);
    }

    [Fact]
    public void TheFirstMinutesOfASeriesAreNotExtrapolated()
    {
        // A clean fall of 0.01 a minute from 0.5: the fit must span half the 30-minute window first.
        var series = Minutely([.. Enumerable.Range(0, 20).Select(m => 0.5 - (0.01 * m))]);

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series[..15], At(15)));
        Assert.Equal(At(15), Assert.Single(RuleEvaluator.Evaluate(Chlorine, series, At(20))).RaisedAt);
    }

    [Fact]
    public void AFittedValueAlreadyBelowTheLimitIsNoLongerATrend()
    {
        var series = Minutely([.. Enumerable.Range(0, 10).Select(m => 0.28 - (0.01 * m))]);

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(10)));
    }

    [Fact]
    public void AFlatSeriesAtTheLimitPredictsNothing()
    {
        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, Minutely(Repeat(0.3, 120)), At(120)));
    }

    [Fact]
    public void UnusableReadingsAreNotFitted()
    {
        var series = Minutely([.. Enumerable.Range(0, 40).Select(m => 0.6 - (0.005 * m))]);
        series = [.. series.Select(s => s with { Usable = false })];

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(40)));
    }
}
