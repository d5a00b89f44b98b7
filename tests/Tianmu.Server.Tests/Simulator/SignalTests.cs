using Tianmu.Simulator.Signals;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>The pattern generator: normal days stay within the GB limits; each injected episode shows, and only where scheduled.</summary>
public sealed class SignalTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero); // 10:00 China time
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(90);
    private static readonly string[] PoolMetrics = ["free_chlorine", "ph", "turbidity", "water_temperature"];

    private static DeviceSignal Pool(params Episode[] episodes) => new("pool-1", SiteKind.Pool, PoolMetrics, episodes, Anchor, Period);

    /// <summary>Every minute of the day around the anchor.</summary>
    private static IEnumerable<DateTimeOffset> Day() => Enumerable.Range(-720, 1440).Select(m => Anchor.AddMinutes(m));

    private static double Value(DeviceSignal signal, string metric, DateTimeOffset t) => signal.At(t).Single(s => s.Metric == metric).Value;

    [Fact]
    public void ANormalPoolDayStaysWithinGb37488()
    {
        var pool = Pool();
        foreach (var t in Day())
        {
            Assert.InRange(Value(pool, "free_chlorine", t), 0.3, 1.0);
            Assert.InRange(Value(pool, "ph", t), 7.0, 7.8);
            Assert.InRange(Value(pool, "turbidity", t), 0, 1);
            Assert.InRange(Value(pool, "water_temperature", t), 23, 30);
        }
    }

    [Fact]
    public void BathersPeakInTheAfternoonAndChlorineIsRedosedEveryTwoHours()
    {
        var pool = Pool();
        var night = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));
        var afternoon = new DateTimeOffset(2026, 11, 22, 15, 30, 0, TimeSpan.FromHours(8));
        Assert.True(Value(pool, "turbidity", afternoon) > Value(pool, "turbidity", night) + 0.2);
        Assert.True(Value(pool, "free_chlorine", afternoon) < Value(pool, "free_chlorine", night));

        var dose = new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.FromHours(8)); // a two-hour mark
        Assert.True(Value(pool, "free_chlorine", dose.AddMinutes(1)) > Value(pool, "free_chlorine", dose.AddMinutes(-1)) + 0.1);
    }

    [Fact]
    public void LowChlorineFallsBelowTheFloorOnlyDuringTheEpisode()
    {
        var episode = new Episode(EpisodeKind.LowChlorine, "free_chlorine", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(12));
        var pool = Pool(episode);
        var inside = 0;
        foreach (var t in Day())
        {
            var chlorine = Value(pool, "free_chlorine", t);
            if (episode.StartCovering(t, Anchor, Period) is not null)
            {
                inside++;
                Assert.True(chlorine < 0.3, $"{t:o}: {chlorine}");
            }
            else
            {
                Assert.InRange(chlorine, 0.3, 1.0);
            }
        }

        Assert.Equal(16 * 12, inside); // 16 occurrences in 24 h, 12 minutes each
        Assert.True(Value(pool, "free_chlorine", Anchor.AddMinutes(1)) < 0.3); // within a minute of the start
    }

    [Fact]
    public void AFlatLinedSensorRepeatsOneValueWhileTheOthersMove()
    {
        var pool = Pool(new Episode(EpisodeKind.FlatLine, "ph", TimeSpan.FromMinutes(-30), TimeSpan.FromMinutes(45)));
        var stuck = Enumerable.Range(-30, 45).Select(m => Anchor.AddMinutes(m)).ToList();
        Assert.Single(stuck.Select(t => Value(pool, "ph", t)).Distinct());
        Assert.True(stuck.Select(t => Value(pool, "turbidity", t)).Distinct().Count() > 10);

        var after = Enumerable.Range(15, 45).Select(m => Anchor.AddMinutes(m)).ToList();
        Assert.True(after.Select(t => Value(pool, "ph", t)).Distinct().Count() > 3);
    }

    [Fact]
    public void ASilentDeviceSendsNothingThenResumes()
    {
        var pool = Pool(new Episode(EpisodeKind.Silence, null, TimeSpan.FromMinutes(-8), TimeSpan.FromMinutes(20)));
        Assert.True(pool.IsSilent(Anchor));
        Assert.Empty(pool.At(Anchor.AddMinutes(-8)));
        Assert.Empty(pool.At(Anchor.AddMinutes(11)));
        Assert.Equal(4, pool.At(Anchor.AddMinutes(-9)).Count);
        Assert.Equal(4, pool.At(Anchor.AddMinutes(12)).Count);
        Assert.Empty(pool.At(Anchor.Add(Period))); // and again one period later
    }

    [Fact]
    public void PlantWaterAndLobbyAirStayWithinTheirLimits()
    {
        var plant = new DeviceSignal("plant", SiteKind.SupplyPlant, ["free_chlorine", "ph", "turbidity"], [], Anchor, Period);
        var lobby = new DeviceSignal("lobby", SiteKind.IndoorAir, ["co2", "air_temperature", "humidity"], [], Anchor, Period);
        foreach (var t in Day())
        {
            Assert.InRange(Value(plant, "free_chlorine", t), 0.3, 2); // GB 5749-2022, plant water
            Assert.InRange(Value(plant, "ph", t), 6.5, 8.5);
            Assert.InRange(Value(plant, "turbidity", t), 0, 1);
            Assert.InRange(Value(lobby, "co2", t), 0.03, 0.15); // GB 37488-2019, places where people do not sleep
        }

        var evening = new DateTimeOffset(2026, 11, 22, 19, 30, 0, TimeSpan.FromHours(8));
        Assert.True(Value(lobby, "co2", evening) > Value(lobby, "co2", evening.AddHours(-16)) + 0.03); // CO₂ follows occupancy
    }

    [Fact]
    public void TheSameInstantGivesTheSameReadings() =>
        Assert.Equal(Pool().At(Anchor.AddMinutes(7)), new DeviceSignal("pool-1", SiteKind.Pool, PoolMetrics, [], Anchor, Period).At(Anchor.AddMinutes(7)));

    [Theory]
    [InlineData(new[] { "free_chlorine", "ph", "turbidity", "water_temperature" }, SiteKind.Pool)]
    [InlineData(new[] { "free_chlorine", "ph", "turbidity" }, SiteKind.SupplyPlant)]
    [InlineData(new[] { "co2", "humidity" }, SiteKind.IndoorAir)]
    [InlineData(new[] { "noise_db" }, null)]
    public void TheKindOfSiteFollowsTheParameters(string[] metrics, SiteKind? kind) => Assert.Equal(kind, SiteModels.KindOf(metrics));

    [Fact]
    public void TheDemoScenariosCoverEachEpisodeKind() =>
        Assert.Equal([EpisodeKind.LowChlorine, EpisodeKind.FlatLine, EpisodeKind.Silence, EpisodeKind.Covered],
            Scenarios.ByEntity.Values.SelectMany(e => e).Select(e => e.Kind).Order());
}
