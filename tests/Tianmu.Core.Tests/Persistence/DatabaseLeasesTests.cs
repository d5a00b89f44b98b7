using Tianmu.Persistence;
using Tianmu.Tests.Support;

namespace Tianmu.Tests.Persistence;

/// <summary>Background work shared by several nodes: exactly one holder at a time.</summary>
public sealed class DatabaseLeasesTests
{
    [Fact]
    public async Task OnlyOneNodeHoldsALeaseUntilItExpires()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var leases = new DatabaseLeases(database.Factory(clock), clock);

        Assert.True(await leases.TryAcquireAsync("sweep", "node-a", TimeSpan.FromMinutes(5)));
        Assert.False(await leases.TryAcquireAsync("sweep", "node-b", TimeSpan.FromMinutes(5)));
        Assert.True(await leases.TryAcquireAsync("sweep", "node-a", TimeSpan.FromMinutes(5))); // renewal

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await leases.TryAcquireAsync("sweep", "node-b", TimeSpan.FromMinutes(5)));
        Assert.False(await leases.TryAcquireAsync("sweep", "node-a", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task RacingNodesGetExactlyOneWinner()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var leases = new DatabaseLeases(database.Factory(), TimeProvider.System);
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => leases.TryAcquireAsync("race", $"node-{i}", TimeSpan.FromMinutes(1)))));
        Assert.Single(wins, w => w);
    }

    [Fact]
    public async Task ReleasedLeaseCanBeTakenAtOnce()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var leases = new DatabaseLeases(database.Factory(), TimeProvider.System);
        Assert.True(await leases.TryAcquireAsync("job", "a", TimeSpan.FromHours(1)));
        await leases.ReleaseAsync("job", "a");
        Assert.True(await leases.TryAcquireAsync("job", "b", TimeSpan.FromHours(1)));
    }
}
