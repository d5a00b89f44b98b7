using Microsoft.EntityFrameworkCore;

namespace Tianmu.Persistence;

/// <summary>
/// Acquire-or-renew of a named <see cref="Lease"/> with one conditional UPDATE (or INSERT for a
/// new name), so two nodes racing for the same work cannot both win.
/// </summary>
public sealed class DatabaseLeases(IDbContextFactory<TianmuDb> dbs, TimeProvider clock)
{
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var until = now + duration;
        var renewed = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (renewed == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        db.Leases.Add(new Lease(name, holder, until));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return false; // another node inserted it first
        }
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
    }
}
