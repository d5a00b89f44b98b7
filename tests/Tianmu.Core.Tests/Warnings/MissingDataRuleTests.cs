using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>数据缺失 — a device silent longer than its interval allows is offline (device warning).</summary>
public sealed class MissingDataRuleTests
{
    private static readonly RuleDefinition Offline = new()
    {
        Code = "pool.free_chlorine.missing",
        Name = "游离性余氯",
        Kind = RuleKind.MissingData,
        Category = WarningCategory.Device,
        Duration = TimeSpan.FromMinutes(10),
        Clause = "HJ 212-2017 数据按设定间隔上传（设备离线）",
    };

    [Fact]
    public void ASilenceLongerThanAllowedRunsFromTheLastReadingToTheNext()
    {
        var series = AtMinutes(0.5, 0, 1, 2, 3, 4, 5, 20, 21);

        var episode = Assert.Single(RuleEvaluator.Evaluate(Offline, series, At(22)));

        Assert.Equal((At(5), At(15), (DateTimeOffset?)At(20)), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal([series[5], series[6]], episode.Evidence);
        Assert.Equal("游离性余氯 中断 15 分钟无数据（允许间隔 10 分钟）", episode.Summary);
    }

    [Fact]
    public void ASilenceOfExactlyTheAllowedIntervalIsFine()
    {
        Assert.Empty(RuleEvaluator.Evaluate(Offline, AtMinutes(0.5, 0, 10, 20, 30), At(40)));
    }

    [Fact]
    public void SilenceUntilNowIsAnOpenEpisode()
    {
        var series = AtMinutes(0.5, 0, 1, 2);

        Assert.Empty(RuleEvaluator.Evaluate(Offline, series, At(12)));
        var episode = Assert.Single(RuleEvaluator.Evaluate(Offline, series, At(47)));
        Assert.Equal((At(2), At(12), (DateTimeOffset?)null), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal("游离性余氯 已 45 分钟无数据（允许间隔 10 分钟）", episode.Summary);
    }

    [Fact]
    public void AnEmptySeriesHasNoReferencePointAndRaisesNothing()
    {
        Assert.Empty(RuleEvaluator.Evaluate(Offline, [], At(600)));
    }
}
