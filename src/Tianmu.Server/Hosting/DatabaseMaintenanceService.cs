using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;

namespace Tianmu.Server.Hosting;

/// <summary>Refreshes planner statistics a minute after start and every six hours.</summary>
public sealed class DatabaseMaintenanceService(IDbContextFactory<TianmuDb> dbs, DatabaseLeases leases, TimeProvider clock, ILogger<DatabaseMaintenanceService> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "db-maintenance";

    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override TimeSpan FirstDelay => TimeSpan.FromMinutes(1);

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await DatabaseMaintenance.OptimizeAsync(db, ct);
        log.LogInformation("Planner statistics refreshed");
    }
}
