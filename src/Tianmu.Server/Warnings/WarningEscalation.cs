using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;
using Tianmu.Warnings;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Escalates warnings not signed for within their response limit (<see cref="ResponseLimits"/>) to
/// the agency head: each is marked once, which puts it on the head's list.
/// </summary>
public sealed class WarningEscalation(TianmuDb db, TimeProvider clock)
{
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var late = await db.Warnings.Where(w => w.Status == WarningStatus.New && w.RespondBy < now && w.EscalatedAt == null).ToListAsync(ct);
        foreach (var warning in late)
        {
            warning.Escalate(now);
        }

        await db.SaveChangesAsync(ct);
        return late.Count;
    }
}

public sealed class WarningEscalationJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<WarningEscalationJob> log)
    : ScopedJob<WarningEscalation>(scopes, leases, clock, log)
{
    protected override string Name => "warning-escalation";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override Task<int> RunAsync(WarningEscalation escalation, CancellationToken ct) => escalation.EscalateAsync(ct);
}
