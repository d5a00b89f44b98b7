using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Confirms rectifications from later data (<see cref="Rectification"/>): an officer orders the
/// correction, the system — never a person — marks it done once the data show it. A device warning
/// is judged on the readings the rule reads: usable ones for violations, any for device faults.
/// </summary>
public sealed class RectificationCheck(TianmuDb db, TimeProvider clock)
{
    public const string Verifier = "系统（后续数据核验）";

    public async Task<int> VerifyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ordered = await db.Warnings.Where(w => w.IsOpen && w.Status == WarningStatus.RectificationOrdered && w.EpisodeEnd != null).ToListAsync(ct);
        var verified = 0;
        foreach (var warning in ordered)
        {
            var aboutDevice = warning.DeviceId is not null && warning.Metric is not null;
            var last = aboutDevice ? await LastReadingAfterAsync(warning, ct) : null;
            if (Rectification.IsVerified(aboutDevice, warning.EpisodeEnd, last, now) && warning.Apply(WarningAction.ConfirmRectified, Verifier, now))
            {
                verified++;
            }
        }

        await db.SaveChangesAsync(ct);
        return verified;
    }

    private async Task<DateTimeOffset?> LastReadingAfterAsync(Warning warning, CancellationToken ct)
    {
        var anyReading = warning.Category == WarningCategory.Device;
        return await db.Readings.AsNoTracking()
            .Where(r => r.DeviceId == warning.DeviceId && r.Metric == warning.Metric && r.DeviceTime > warning.EpisodeEnd && (anyReading || r.Usable))
            .OrderByDescending(r => r.DeviceTime).Select(r => (DateTimeOffset?)r.DeviceTime).FirstOrDefaultAsync(ct);
    }
}

public sealed class RectificationCheckJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<RectificationCheckJob> log)
    : ScopedJob<RectificationCheck>(scopes, leases, clock, log)
{
    protected override string Name => "rectification-check";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task<int> RunAsync(RectificationCheck check, CancellationToken ct) => check.VerifyAsync(ct);
}
