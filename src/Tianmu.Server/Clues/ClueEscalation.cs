using Microsoft.EntityFrameworkCore;
using Tianmu.Clues;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Clues;

/// <summary>
/// Escalates clues whose handling deadline passed unhandled (Z8; accountability S18/Z21): each is
/// marked once with the time, which puts it on the agency head's list of overdue clues.
/// </summary>
public sealed class ClueEscalation(TianmuDb db, TimeProvider clock)
{
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = await db.ProvincialClues.Where(c => c.Status != ClueStatus.Handled && c.Deadline < now && c.EscalatedAt == null).ToListAsync(ct);
        foreach (var clue in overdue)
        {
            clue.Escalate(now);
        }

        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }
}

public sealed class ClueEscalationJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<ClueEscalationJob> log)
    : ScopedJob<ClueEscalation>(scopes, leases, clock, log)
{
    protected override string Name => "clue-escalation";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override Task<int> RunAsync(ClueEscalation escalation, CancellationToken ct) => escalation.EscalateAsync(ct);
}
