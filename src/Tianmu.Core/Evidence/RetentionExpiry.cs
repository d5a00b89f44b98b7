using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;

namespace Tianmu.Evidence;

/// <summary>
/// Expires evidence past its retention (S17): only items with no hold in force and past every released
/// hold's retention. The expiry is recorded first — the row stays, and the database queues its tombstone
/// for the evidence log in the same transaction — and only then are the bytes removed, unless another
/// live item holds the same content. The one caller of the object store's deletion.
/// </summary>
public sealed class RetentionExpiry(FileObjectStore store)
{
    public sealed record Expired(Guid ItemId, string Sha256, bool BytesRemoved);

    /// <summary>Items that would expire by <paramref name="until"/> if nothing holds them, soonest first.</summary>
    public static async Task<List<EvidenceItem>> DueAsync(TianmuDb db, DateTimeOffset until, int max, CancellationToken ct)
    {
        var candidates = await db.EvidenceItems.AsNoTracking().Where(i => i.ExpiredAt == null && i.RetentionUntil <= until)
            .OrderBy(i => i.RetentionUntil).Take(max * 4).ToListAsync(ct);
        var ids = candidates.Select(i => i.Id).ToList();
        var holds = (await db.EvidenceHolds.AsNoTracking().Where(h => ids.Contains(h.ItemId)).ToListAsync(ct)).ToLookup(h => h.ItemId);
        return [.. candidates.Where(i => RetentionPolicy.ExpiresAt(i.RetentionUntil, holds[i.Id]) is { } at && at <= until).Take(max)];
    }

    public async Task<IReadOnlyList<Expired>> ExpireDueAsync(TianmuDb db, DateTimeOffset now, int max, CancellationToken ct)
    {
        var expired = new List<Expired>();
        foreach (var due in await DueAsync(db, now, max, ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var item = await db.EvidenceItems.FirstAsync(i => i.Id == due.Id, ct);
            var holds = await db.EvidenceHolds.AsNoTracking().Where(h => h.ItemId == item.Id).ToListAsync(ct);
            if (item.ExpiredAt is not null || RetentionPolicy.ExpiresAt(item.RetentionUntil, holds) is not { } at || at > now)
            {
                continue; // held or expired meanwhile
            }

            item.Expire(now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            expired.Add(new Expired(item.Id, item.Sha256, await RemoveBytesAsync(db, item.Sha256, ct)));
        }

        db.ChangeTracker.Clear();
        return expired;
    }

    /// <summary>Bytes of items expired recently that are still on disk (the node stopped between commit and removal).</summary>
    public async Task<int> SweepAsync(TianmuDb db, DateTimeOffset since, CancellationToken ct)
    {
        var hashes = await db.EvidenceItems.AsNoTracking().Where(i => i.ExpiredAt != null && i.ExpiredAt >= since).Select(i => i.Sha256).Distinct().ToListAsync(ct);
        var removed = 0;
        foreach (var sha in hashes.Where(store.Exists))
        {
            removed += await RemoveBytesAsync(db, sha, ct) ? 1 : 0;
        }

        return removed;
    }

    private async Task<bool> RemoveBytesAsync(TianmuDb db, string sha256, CancellationToken ct) =>
        !await db.EvidenceItems.AnyAsync(i => i.Sha256 == sha256 && i.ExpiredAt == null, ct) && store.DeleteForRetention(sha256);
}
