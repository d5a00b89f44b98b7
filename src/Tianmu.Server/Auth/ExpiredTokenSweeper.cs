using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;

namespace Tianmu.Server.Auth;

/// <summary>
/// Removes API tokens that expired more than a day ago. Runs on whichever node holds the
/// "token-sweep" lease, the pattern every background job follows.
/// </summary>
public sealed class ExpiredTokenSweeper(IDbContextFactory<TianmuDb> dbs, DatabaseLeases leases, TimeProvider clock, ILogger<ExpiredTokenSweeper> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Token sweep failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        if (!await leases.TryAcquireAsync("token-sweep", node, Interval / 2, ct))
        {
            return 0;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow().AddDays(-1);
        var removed = await db.ApiTokens.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            log.LogInformation("Removed {Count} expired API tokens", removed);
        }

        return removed;
    }
}
