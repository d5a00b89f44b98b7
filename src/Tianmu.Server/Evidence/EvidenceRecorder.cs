using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Evidence;
using Tianmu.Persistence;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Records evidence items: the original is already in the write-once store under its hash; the item
/// adds its elements and provenance, and its retention from the configured policy. An item made from a
/// source (a warning's window, an AI event's file…) is made once, across nodes: the database's unique
/// source key settles a race.
/// </summary>
public sealed class EvidenceRecorder(TianmuDb db, EvidenceOptions options, ILogger<EvidenceRecorder> log)
{
    public async Task<EvidenceItem?> RecordAsync(EvidenceFacts facts, StoredOriginal original, Provenance provenance, CancellationToken ct)
    {
        if (facts.SourceKey is { } key && await db.EvidenceItems.AsNoTracking().AnyAsync(i => i.SourceKey == key, ct))
        {
            return null;
        }

        var item = new EvidenceItem(Guid.CreateVersion7(), facts, original, provenance, options.Retention.Until(provenance.CollectedAt));
        db.EvidenceItems.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another node made it first
            return null;
        }

        log.LogInformation("Evidence item {Item} recorded ({Method}, object {Sha256})", item.Id, item.CaptureMethod, item.Sha256);
        return item;
    }

    /// <summary>The device's state at <paramref name="at"/>, as JSON for the item.</summary>
    public async Task<string?> DeviceStateAsync(Guid? deviceId, DateTimeOffset at, CancellationToken ct)
    {
        if (deviceId is not { } id || await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is not { } device)
        {
            return null;
        }

        var history = await db.DeviceStatusChanges.AsNoTracking().Where(c => c.DeviceId == id).ToListAsync(ct);
        var certificates = await db.Calibrations.AsNoTracking().Where(c => c.DeviceId == id).ToListAsync(ct);
        return DeviceStateAtCapture.Of(device, at, history, certificates).ToJson();
    }

    /// <summary>Where the device is (its site and published location), or the entity's address.</summary>
    public async Task<string> PlaceAsync(Guid entityId, Guid? deviceId, CancellationToken ct)
    {
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == entityId, ct);
        var device = deviceId is { } id ? await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) : null;
        return device is null ? entity.Address : $"{entity.Address} · {device.PlaceType.ToChinese()} · {device.PublishedLocation ?? device.Site}";
    }
}
