using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Ingest.AiEvents;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Devices;

namespace Tianmu.Server.Ingest;

public sealed record AiEventFilter(DateTimeOffset? From, DateTimeOffset? To, string? Type, int? Page, int? PageSize);

public sealed record AiEventView(
    Guid Id, string ExternalId, string Camera, string Type, string TypeName, bool Violation, double Confidence,
    DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, bool Usable, IReadOnlyList<MediaReceipt> Media);

public sealed record MediaFile(byte[] Content, string ContentType);

/// <summary>AI events of a device and their originals, for staff whose jurisdiction covers the device.</summary>
public sealed class AiEventQueries(TianmuDb db, DeviceRegistry registry, IObjectStore objects)
{
    public async Task<Result<Paged<AiEventView>>> ListAsync(CurrentUser caller, Guid deviceId, AiEventFilter filter, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == deviceId, ct))
        {
            return DeviceErrors.NotFound;
        }

        var query = db.AiEvents.AsNoTracking().Include(e => e.Media).Where(e => e.DeviceId == deviceId);
        if (filter.From is { } from)
        {
            var start = from.ToUniversalTime();
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.ToUniversalTime();
            query = query.Where(e => e.OccurredAt < end);
        }

        if (filter.Type is { Length: > 0 } type)
        {
            query = query.Where(e => e.Type == type);
        }

        var page = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).PageAsync(filter.Page, filter.PageSize, ct);
        return page.Map(View);
    }

    /// <summary>An original attached to one of the device's events; the store re-checks its hash on the way out.</summary>
    public async Task<Result<MediaFile>> MediaAsync(CurrentUser caller, Guid deviceId, string sha256, CancellationToken ct)
    {
        var hash = sha256.ToLowerInvariant();
        var media = await db.AiEventMedia.AsNoTracking()
            .Where(m => m.Sha256 == hash && db.AiEvents.Any(e => e.Id == m.EventId && e.DeviceId == deviceId) && registry.Scoped(caller).Any(d => d.Id == deviceId))
            .FirstOrDefaultAsync(ct);
        var bytes = media is null ? null : await objects.ReadAsync(hash, ct);
        return bytes is null ? Error.NotFound("文件") : new MediaFile(bytes, media!.ContentType);
    }

    public static AiEventView View(AiEvent e)
    {
        var type = AiEventTypes.Find(e.Type);
        return new AiEventView(e.Id, e.ExternalId, e.Camera, e.Type, type?.Name ?? e.Type, type?.Violation ?? false, e.Confidence,
            e.OccurredAt, e.ReceivedAt, e.Usable, [.. e.Media.OrderBy(m => m.Kind).Select(m => new MediaReceipt(m.Sha256, m.Kind, m.ContentType, m.SizeBytes))]);
    }
}
