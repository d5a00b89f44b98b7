using Tianmu.Ingest;
using Tianmu.Persistence;
using Tianmu.Tests.Support;

namespace Tianmu.Tests.Ingest;

/// <summary>The ingest hot path and chart queries, on the provider under test.</summary>
public sealed class ReadingStoreTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8));

    private static List<Reading> Day(Guid device) =>
        [.. Enumerable.Range(0, 1440).Select(i => new Reading(device, "free_chlorine", Midnight.AddMinutes(i).ToUniversalTime(), i, "N", i % 2 == 0, DateTimeOffset.UtcNow))];

    [Fact]
    public async Task AppendingTheSameReadingsTwiceStoresThemOnce()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var store = new ReadingStore(database.Factory(), new WriteGate(database.Settings));
        var device = Guid.CreateVersion7();
        Assert.Equal(1440, await store.AppendAsync(Day(device), default));
        Assert.Equal(0, await store.AppendAsync(Day(device), default));
        var mixed = Day(device).Take(10).Append(new Reading(device, "ph", Midnight, 7.1, "N", true, DateTimeOffset.UtcNow)).ToList();
        Assert.Equal(1, await store.AppendAsync(mixed, default));
    }

    [Fact]
    public async Task DeviceTimesAreKeptToTheMicrosecondOnEveryDatabase()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var store = new ReadingStore(database.Factory(), new WriteGate(database.Settings));
        var device = Guid.CreateVersion7();
        var precise = Midnight.AddTicks(1234567); // 0.1234567 s: finer than PostgreSQL keeps
        Assert.Equal(1, await store.AppendAsync([new Reading(device, "ph", precise, 7, "N", true, DateTimeOffset.UtcNow)], default));
        Assert.Equal(0, await store.AppendAsync([new Reading(device, "ph", precise.AddTicks(2), 7, "N", true, DateTimeOffset.UtcNow)], default)); // same microsecond
        var point = Assert.Single((await store.QueryAsync(device, "ph", Midnight, Midnight.AddHours(1), 10, default)).Points);
        Assert.Equal(Midnight.AddTicks(1234560), point.Time);
    }

    [Fact]
    public async Task SmallRangesComeBackRawInDeviceTimeOrder()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var store = new ReadingStore(database.Factory(), new WriteGate(database.Settings));
        var device = Guid.CreateVersion7();
        await store.AppendAsync([.. Day(device).AsEnumerable().Reverse()], default); // arrives newest first
        var page = await store.QueryAsync(device, "free_chlorine", Midnight, Midnight.AddHours(2), 500, default);
        Assert.Null(page.Bucket);
        Assert.Equal(120, page.Points.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (double)i), page.Points.Select(p => p.Mean));
        Assert.True(page.Points[0].Usable);
        Assert.False(page.Points[1].Usable);
    }

    [Fact]
    public async Task LargeRangesAreBucketedInTheDatabase()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var store = new ReadingStore(database.Factory(), new WriteGate(database.Settings));
        var device = Guid.CreateVersion7();
        await store.AppendAsync(Day(device), default);
        var page = await store.QueryAsync(device, "free_chlorine", Midnight, Midnight.AddDays(1), 24, default);
        Assert.Equal(1440, page.Readings);
        Assert.Equal(TimeSpan.FromHours(1), page.Bucket);
        Assert.Equal(24, page.Points.Count);
        var tenOClock = page.Points[10];
        Assert.Equal(Midnight.AddHours(10), tenOClock.Time);
        Assert.Equal((600.0, 659.0, 629.5, 60), (tenOClock.Min, tenOClock.Max, tenOClock.Mean, tenOClock.Count));
        Assert.False(tenOClock.Usable); // half of its readings are not evidence
    }
}
