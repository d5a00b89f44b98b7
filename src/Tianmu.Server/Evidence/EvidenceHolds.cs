using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Persistence;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Legal holds (S17), for the case issue: a case places a hold on the items it relies on
/// (<c>holder = "case:{id}"</c>) and, when its file is archived, releases them with the archive's
/// retention date. While a hold is in force the item never expires. Placing the same holder's hold twice
/// is a no-op; a hold is released once and never removed (the database enforces both).
/// </summary>
public sealed class EvidenceHolds(TianmuDb db, TimeProvider clock)
{
    public async Task<Result<int>> PlaceAsync(IReadOnlyCollection<Guid> itemIds, string holder, string reason, string placedBy, CancellationToken ct)
    {
        var ids = itemIds.Distinct().ToList();
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            return Error.NotFound("证据");
        }

        if (items.FirstOrDefault(i => i.ExpiredAt is not null) is { } gone)
        {
            return Error.Conflict("evidence.expired", $"证据“{gone.Title}”已超过保存期限，原件已删除，不能保全。");
        }

        var held = await db.EvidenceHolds.AsNoTracking().Where(h => ids.Contains(h.ItemId) && h.Holder == holder && h.ReleasedAt == null).Select(h => h.ItemId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var placed = 0;
        foreach (var id in ids.Except(held))
        {
            db.EvidenceHolds.Add(new EvidenceHold(Guid.CreateVersion7(), id, holder, reason, placedBy, now));
            placed++;
        }

        await db.SaveChangesAsync(ct);
        return placed;
    }

    /// <summary>Releases every hold of <paramref name="holder"/>; the items are then kept at least until <paramref name="retainUntil"/>.</summary>
    public async Task<int> ReleaseAsync(string holder, DateTimeOffset retainUntil, string releasedBy, CancellationToken ct)
    {
        var holds = await db.EvidenceHolds.Where(h => h.Holder == holder && h.ReleasedAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var released = holds.Count(h => h.Release(releasedBy, now, retainUntil));
        await db.SaveChangesAsync(ct);
        return released;
    }
}
