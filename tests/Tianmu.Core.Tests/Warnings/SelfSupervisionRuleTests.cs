using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>
/// Self-supervision rules of the pool pack: reported free chlorine that the sensors contradict by more
/// than 0.2 mg/L (S20/Z24) and self-reports overdue (S13/Z15).
/// </summary>
public sealed class SelfSupervisionRuleTests
{
    private static readonly RulePack Pool = RulePacks.Find("gb37488-2019/pool-water")!;
    private static readonly RuleDefinition CrossCheck = Pool.Rules.Single(r => r.Kind == RuleKind.CrossCheck);
    private static readonly RuleDefinition Overdue = Pool.Rules.Single(r => r.Kind == RuleKind.OverdueReport);

    private static readonly Sample Reported = new(At(60), 0.6, true, "self_report:r1");

    /// <summary>A sensor reading each minute from <paramref name="from"/> to <paramref name="to"/> at <paramref name="value"/>.</summary>
    private static List<Sample> Sensor(double value, int from = 0, int to = 120) => [.. Enumerable.Range(from, to - from + 1).Select(m => new Sample(At(m), value, true))];

    [Fact]
    public void AReportEverySensorContradictsIsSuspectWithTheReportAndReadingsAsEvidence()
    {
        var episode = Assert.Single(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [Sensor(0.15)]));

        Assert.Equal((At(60), At(60), At(60)), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal("self_report:r1", episode.Evidence[0].Source);
        Assert.All(episode.Evidence.Skip(1), s => Assert.InRange(s.Time, At(45), At(75))); // ±15 of the 30-minute window
        Assert.Equal("自报游离性余氯 0.6 mg/L，同时段在线监测 0.15 mg/L，相差 0.45 mg/L，超过允许偏差 0.2 mg/L", episode.Summary);
    }

    [Fact]
    public void AReportWithinToleranceOfAnySensorIsConsistent()
    {
        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [Sensor(0.45)])); // 0.15 apart
        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [Sensor(0.15), Sensor(0.55)])); // the second pool agrees
    }

    [Fact]
    public void WithoutSensorDataNearTheTimeThereIsNoVerdict()
    {
        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, []));
        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [Sensor(0.15, 0, 40), Sensor(0.15, 80, 120)]));
        List<Sample> unusable = [.. Sensor(0.15).Select(s => s with { Usable = false })];
        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [unusable]));
    }

    [Fact]
    public void OneOddReadingDoesNotDecide()
    {
        var sensor = Sensor(0.55);
        sensor[60] = sensor[60] with { Value = 0.05 }; // the median of the half hour is still 0.55

        Assert.Empty(RuleEvaluator.EvaluateCrossCheck(CrossCheck, Reported, [sensor]));
    }

    [Fact]
    public void EachOverduePeriodIsAnEpisodeFromItsDeadlineUntilTheLateReport()
    {
        var form = Guid.NewGuid();
        var periods = new[]
        {
            new OverduePeriod(form, "开放前水质自检日报", new DateOnly(2026, 11, 21), At(-24 * 60 + 540), At(-24 * 60 + 545), null),
            new OverduePeriod(form, "开放前水质自检日报", new DateOnly(2026, 11, 20), At(-48 * 60 + 540), At(-48 * 60 + 545), At(-30 * 60)),
        };

        var episodes = RuleEvaluator.EvaluateOverdue(Overdue, periods);

        Assert.Equal([At(-48 * 60 + 540), At(-24 * 60 + 540)], episodes.Select(e => e.Start)); // oldest first
        Assert.Equal([At(-30 * 60), null], episodes.Select(e => e.End));
        Assert.Equal(At(-24 * 60 + 545), episodes[1].RaisedAt);
        Assert.Equal("《开放前水质自检日报》2026-11-21 期逾期未报（报送期限 2026-11-21 09:00）", episodes[1].Summary);
        Assert.Equal($"overdue_report:{form}:2026-11-21", episodes[1].Evidence.Single().Source);
    }

    [Fact]
    public void ARectificationIsVerifiedOnlyAfterADayOfDataPastTheEnd()
    {
        var end = At(0);

        Assert.False(Rectification.IsVerified(true, null, At(3000), At(3000))); // still going on
        Assert.False(Rectification.IsVerified(true, end, At(23 * 60), At(3000))); // 23 hours of data
        Assert.False(Rectification.IsVerified(true, end, null, At(3000))); // a silent device proves nothing
        Assert.True(Rectification.IsVerified(true, end, At(24 * 60), At(24 * 60)));
        Assert.False(Rectification.IsVerified(false, end, null, At(23 * 60)));
        Assert.True(Rectification.IsVerified(false, end, null, At(24 * 60))); // an entity warning: a recurrence would have extended it
    }

    [Fact]
    public void ARectificationIsOverdueTheDayAfterItsDeadline()
    {
        var by = new DateOnly(2026, 11, 22);

        Assert.False(Rectification.IsOverdue(WarningStatus.RectificationOrdered, by, by));
        Assert.True(Rectification.IsOverdue(WarningStatus.RectificationOrdered, by, by.AddDays(1)));
        Assert.False(Rectification.IsOverdue(WarningStatus.Rectified, by, by.AddDays(1)));
    }
}
