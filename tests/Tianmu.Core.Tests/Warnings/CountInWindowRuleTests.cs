using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>Out-of-range readings counted in a sliding window, on GB 5749-2022 drinking-water turbidity ≤ 1 NTU.</summary>
public sealed class CountInWindowRuleTests
{
    /// <summary>Three readings above 1 NTU within an hour.</summary>
    private static readonly RuleDefinition Turbidity = new()
    {
        Code = "water.turbidity.count",
        Name = "浑浊度",
        Kind = RuleKind.CountInWindow,
        Category = WarningCategory.Violation,
        Unit = "NTU",
        Max = 1,
        Count = 3,
        Window = TimeSpan.FromHours(1),
        Clause = "GB 5749-2022 表 1 浑浊度 ≤ 1 NTU",
    };

    /// <summary>Readings every 10 minutes from 0 to <paramref name="until"/>, 0.4 NTU except at the given minutes (1.5 NTU).</summary>
    private static List<Sample> Readings(double until, params double[] high) =>
        [.. Enumerable.Range(0, (int)(until / 10) + 1).Select(i => i * 10.0).Union(high).Order()
            .Select(m => new Sample(At(m), high.Contains(m) ? 1.5 : 0.4, true))];

    [Fact]
    public void TheReadingThatMakesTheCountWithinTheWindowRaises()
    {
        var series = Readings(120, 0, 25, 59);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Turbidity, series, At(120)));

        Assert.Equal((At(0), At(59)), (episode.Start, episode.RaisedAt));
        Assert.Equal([At(0), At(25), At(59)], episode.Evidence.Select(s => s.Time));
        Assert.Equal("浑浊度 1 小时内 3 次超出上限 1 NTU", episode.Summary);
    }

    [Fact]
    public void ReadingsExactlyAWindowApartAreNeverInTheSameWindow()
    {
        Assert.Empty(RuleEvaluator.Evaluate(Turbidity, Readings(120, 0, 30, 60), At(120)));

        var episode = Assert.Single(RuleEvaluator.Evaluate(Turbidity, Readings(120, 0, 30, 60, 89.5), At(120)));
        Assert.Equal((At(30), At(89.5)), (episode.Start, episode.RaisedAt));
    }

    [Fact]
    public void TheEpisodeEndsWhenTheWindowNoLongerHoldsTheCount()
    {
        // Third-most-recent high reading at minute 0: the window stops holding three at 0 + 60.
        var episode = Assert.Single(RuleEvaluator.Evaluate(Turbidity, Readings(180, 0, 15, 30), At(180)));
        Assert.Equal(At(60), episode.End);

        // A fourth at 50 keeps it going until 15 + 60.
        episode = Assert.Single(RuleEvaluator.Evaluate(Turbidity, Readings(180, 0, 15, 30, 50), At(180)));
        Assert.Equal(At(75), episode.End);
    }

    [Fact]
    public void AnEpisodeIsOpenUntilNowReachesItsEnd()
    {
        var series = Readings(30, 0, 15, 30);

        Assert.Null(Assert.Single(RuleEvaluator.Evaluate(Turbidity, series, At(59))).End);
        Assert.Equal(At(60), Assert.Single(RuleEvaluator.Evaluate(Turbidity, series, At(60))).End);
    }

    [Fact]
    public void AFreshCountAfterAnEpisodeEndedStartsANewOneThatDoesNotOverlap()
    {
        // 0, 30, 55 raise at 55 and hold until 0 + 60; 85 makes three again with 30 and 55. The second
        // episode's evidence starts at 30, but the episode itself starts where the first one ended.
        var episodes = RuleEvaluator.Evaluate(Turbidity, Readings(180, 0, 30, 55, 85), At(180));

        Assert.Equal(2, episodes.Count);
        Assert.Equal((At(0), At(55), (DateTimeOffset?)At(60)), (episodes[0].Start, episodes[0].RaisedAt, episodes[0].End));
        Assert.Equal((At(60), At(85), (DateTimeOffset?)At(90)), (episodes[1].Start, episodes[1].RaisedAt, episodes[1].End));
        Assert.Equal([At(30), At(55), At(85)], episodes[1].Evidence.Select(s => s.Time));
    }

    [Fact]
    public void UnusableHighReadingsDoNotCount()
    {
        var series = Readings(120, 0, 25, 59);
        series[series.FindIndex(s => s.Time == At(25))] = new Sample(At(25), 1.5, Usable: false);

        Assert.Empty(RuleEvaluator.Evaluate(Turbidity, series, At(120)));
    }
}
