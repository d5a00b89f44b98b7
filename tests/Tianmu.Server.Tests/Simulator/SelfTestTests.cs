using Tianmu.Common;
using Tianmu.Simulator.Signals;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>The pools' morning self-tests: honest pools report their water; 泉城 reports compliant chlorine while its sensor shows the low-chlorine episode.</summary>
public sealed class SelfTestTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero); // 10:00 China time
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(90);
    private static readonly Episode LowChlorine = new(EpisodeKind.LowChlorine, "free_chlorine", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(12));
    private static readonly string[] Metrics = ["free_chlorine", "ph", "turbidity", "water_temperature"];
    private static readonly ReporterPlan Copier = new("ent.demo", CopiesGoodChlorine: true);
    private static readonly ReporterPlan Honest = new("ent.minghu", CopiesGoodChlorine: false);

    private static readonly FieldSpec[] Form =
    [
        new("free_chlorine", "Number", "free_chlorine", true),
        new("ph", "Number", "ph", true),
        new("turbidity", "Number", "turbidity", true),
        new("water_temperature", "Number", null, true),
        new("disinfected", "YesNo", null, true),
    ];

    private static DeviceSignal Pool(params Episode[] episodes) => new("pool-1", SiteKind.Pool, Metrics, episodes, Anchor, Period);

    private static double Sensor(DeviceSignal pool, string metric, DateTimeOffset t) => pool.At(t).Single(s => s.Metric == metric).Value;

    [Fact]
    public void TheCopyingPoolReportsCompliantChlorineWhileItsSensorReadsBelowTheFloor()
    {
        var pool = Pool(LowChlorine);
        var during = Anchor.AddMinutes(5);
        Assert.True(Sensor(pool, "free_chlorine", during) < SelfTest.ChlorineFloor);

        var copied = SelfTest.Values(Form, Copier, pool, during)!;
        Assert.InRange(double.Parse(copied["free_chlorine"], System.Globalization.CultureInfo.InvariantCulture), 0.55, 0.65);
        Assert.Equal("是", copied["disinfected"]);
        Assert.Equal(SelfTest.Values(Form, Honest, pool, during)!["ph"], copied["ph"]); // only the chlorine is copied

        var honest = SelfTest.Values(Form, Honest, pool, during)!;
        Assert.Equal(Sensor(pool, "free_chlorine", during), double.Parse(honest["free_chlorine"], System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    [Fact]
    public void HonestValuesAreTheWaterNotTheSensorsFaults()
    {
        var stuck = Pool(new Episode(EpisodeKind.FlatLine, "ph", TimeSpan.FromMinutes(-30), TimeSpan.FromMinutes(45)),
            new Episode(EpisodeKind.Silence, null, TimeSpan.FromMinutes(-8), TimeSpan.FromMinutes(20)));
        var sound = Pool();
        var t = Anchor.AddMinutes(5);
        Assert.Empty(stuck.At(t)); // the sensor is silent, the water is still there
        Assert.Equal(SelfTest.Values(Form, Honest, sound, t), SelfTest.Values(Form, Honest, stuck, t));
        Assert.Equal(Sensor(sound, "water_temperature", t), double.Parse(SelfTest.Values(Form, Honest, sound, t)!["water_temperature"], System.Globalization.CultureInfo.InvariantCulture), 1);
    }

    [Fact]
    public void TheCopyingPoolReportsTodayOnlyOnceItsChlorinatorHasFailed()
    {
        var pool = Pool(LowChlorine);
        var startDay = ChinaTime.DateOf(Anchor);
        Assert.False(SelfTest.ReportsNow("泉城", Copier, pool, startDay, Anchor.AddSeconds(10)));
        Assert.True(SelfTest.ReportsNow("泉城", Copier, pool, startDay, Anchor.AddSeconds(40)));
        Assert.True(SelfTest.ReportsNow("明湖", Honest, pool, startDay, Anchor.AddSeconds(10))); // the first day: at once, whatever the hour

        var nextDay = startDay.AddDays(1);
        var dawn = new DateTimeOffset(nextDay.ToDateTime(new TimeOnly(6, 0)), ChinaTime.Offset);
        Assert.False(SelfTest.ReportsNow("明湖", Honest, pool, startDay, dawn)); // later days: from the morning test on
        Assert.True(SelfTest.ReportsNow("明湖", Honest, pool, startDay, SelfTest.MorningOf("明湖", nextDay)));
        Assert.InRange(SelfTest.MorningOf("明湖", nextDay).ToOffset(ChinaTime.Offset).TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(8.7));
    }

    [Fact]
    public void SomePastDaysAreSkippedButNotMost()
    {
        var days = Enumerable.Range(0, 120).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToList();
        foreach (var pool in new[] { "济南泉城游泳馆有限公司", "济南明湖水上运动中心", "济南奥体游泳健身有限公司" })
        {
            Assert.InRange(days.Count(d => SelfTest.Skipped(pool, d)), 15, 50);
        }
    }

    [Fact]
    public void AFormWithARequiredFieldTheSimulatorCannotFillIsLeftAlone()
    {
        var pool = Pool();
        Assert.Null(SelfTest.Values([.. Form, new FieldSpec("remarks", "Text", null, true)], Honest, pool, Anchor));
        var optional = SelfTest.Values([.. Form, new FieldSpec("remarks", "Text", null, false), new FieldSpec("co2", "Number", "co2", false)], Honest, pool, Anchor)!;
        Assert.Equal(Form.Select(f => f.Code).Order(), optional.Keys.Order());
    }
}
