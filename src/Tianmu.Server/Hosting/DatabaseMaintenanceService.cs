using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;

namespace Tianmu.Server.Hosting;

/// <summary>Refreshes planner statistics a minute after start and every six hours, on whichever node holds the lease.</summary>
public sealed class DatabaseMaintenanceService(IDbContextFactory<TianmuDb> dbs, DatabaseLeases leases, TimeProvider clock, ILogger<DatabaseMaintenanceService> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                try
                {
                    if (await leases.TryAcquireAsync("db-maintenance", node, Interval / 2, stoppingToken))
                    {
                        await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                        await DatabaseMaintenance.OptimizeAsync(db, stoppingToken);
                        log.LogInformation("Planner statistics refreshed");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Database maintenance failed; will retry");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
