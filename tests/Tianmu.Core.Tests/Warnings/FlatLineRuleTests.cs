using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>数据恒定 — a pool chlorine sensor stuck for an hour: suspected tampering or a stuck sensor (device warning).</summary>
public sealed class FlatLineRuleTests
{
    private static readonly RuleDefinition Stuck = new()
    {
        Code = "pool.free_chlorine.flat",
        Name = "游离性余氯",
        Kind = RuleKind.FlatLine,
        Category = WarningCategory.Device,
        Unit = "mg/L",
        Duration = TimeSpan.FromHours(1),
        Tolerance = 0.005,
        Clause = "设备运维：监测数据应真实反映水质（数据恒定疑似干扰）",
    };

    private static double[] Varying(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => 0.6 + (random.NextDouble() * 0.3))];
    }

    [Fact]
    public void AValueStuckForTheDurationRaisesAndEndsWhenItMovesAgain()
    {
        var series = Minutely([.. Varying(30, 1), .. Repeat(0.5, 90), 0.62, .. Varying(30, 2)]);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Stuck, series, At(200)));

        Assert.Equal((At(30), At(90), (DateTimeOffset?)At(120)), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal(61, episode.Evidence.Count);
        Assert.Equal("游离性余氯 读数 1 小时内恒为 0.5 mg/L（61 个读数），疑似传感器卡滞或人为干扰", episode.Summary);
    }

    [Fact]
    public void JitterWithinToleranceIsStillFlatButBeyondItIsNot()
    {
        double[] jitter = [.. Enumerable.Range(0, 90).Select(m => 0.5 + (m % 2 == 0 ? 0.002 : -0.002))]; // spread 0.004

        Assert.Single(RuleEvaluator.Evaluate(Stuck, Minutely(jitter), At(90)));
        Assert.Empty(RuleEvaluator.Evaluate(Stuck with { Tolerance = 0.003 }, Minutely(jitter), At(90)));
    }

    [Fact]
    public void ASlowDriftWithinToleranceOverTheDurationKeepsOneEpisode()
    {
        // 0.001 mg/L every 20 minutes: any hour spans at most 0.003, within tolerance, for four hours.
        var series = Minutely([.. Enumerable.Range(0, 240).Select(m => 0.5 + (0.001 * (m / 20)))]);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Stuck, series, At(240)));

        Assert.Equal((At(0), At(60), (DateTimeOffset?)null), (episode.Start, episode.RaisedAt, episode.End));
    }

    [Fact]
    public void TooFewReadingsAreNotAFlatLine()
    {
        // Four equal readings over two hours: not enough to call the sensor stuck (default 5).
        var series = AtMinutes(0.5, 0, 40, 80, 120);

        Assert.Empty(RuleEvaluator.Evaluate(Stuck, series, At(120)));
        Assert.Single(RuleEvaluator.Evaluate(Stuck with { Count = 4 }, series, At(120)));
    }

    [Fact]
    public void ShorterThanTheDurationIsNotAFlatLine()
    {
        var series = Minutely([.. Varying(30, 3), .. Repeat(0.5, 60), .. Varying(30, 4)]); // 59 minutes flat

        Assert.Empty(RuleEvaluator.Evaluate(Stuck, series, At(120)));
    }
}
