using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Auth;

/// <summary>Removes API tokens that expired more than a day ago, hourly, on one node.</summary>
public sealed class ExpiredTokenSweeper(IDbContextFactory<TianmuDb> dbs, DatabaseLeases leases, TimeProvider clock, ILogger<ExpiredTokenSweeper> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "token-sweep";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var cutoff = Clock.GetUtcNow().AddDays(-1);
        var removed = await db.ApiTokens.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            log.LogInformation("Removed {Count} expired API tokens", removed);
        }
    }
}
