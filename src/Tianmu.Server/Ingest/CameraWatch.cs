using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Devices.Camera;
using Tianmu.Evidence;
using Tianmu.Ingest.AiEvents;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Devices;

namespace Tianmu.Server.Ingest;

public sealed record BaselineView(Guid DeviceId, string Camera, string SourceSha256, DateTimeOffset SetAt, string SetBy);

/// <summary>
/// Watches cameras through their snapshots (S6/Z12): the first clear snapshot of a camera becomes its
/// baseline; every later one is judged against it, and an obstructed, blurred or moved view opens a
/// device incident — one per kind until an officer resolves it, so a covered camera posting every
/// minute does not bury the officer in duplicates. A snapshot that cannot be decoded is logged and
/// changes nothing: the event itself is already stored.
/// </summary>
public sealed class CameraWatch(TianmuDb db, IObjectStore objects, FfmpegFrameDecoder decoder, DeviceRegistry registry, TimeProvider clock, ILogger<CameraWatch> log)
{
    public const string SystemReporter = "系统（抓拍画面分析）";

    public async Task CheckAsync(Device device, string camera, string sha256, CancellationToken ct)
    {
        if (await FrameOfAsync(sha256, ct) is not { } frame)
        {
            return;
        }

        var record = await db.CameraBaselines.FirstOrDefaultAsync(b => b.DeviceId == device.Id && b.Camera == camera, ct);
        if (record is null)
        {
            if (CameraBaseline.From(frame).Value is { } first)
            {
                db.CameraBaselines.Add(new CameraBaselineRecord(device.Id, camera, Convert.ToBase64String(first.ToBytes()), sha256, clock.GetUtcNow(), SystemReporter));
                await SaveIgnoringRaceAsync(ct);
            }

            return;
        }

        var finding = CameraIntegrity.Assess(CameraBaseline.FromBytes(Convert.FromBase64String(record.Baseline)), frame);
        if (finding.IsOk)
        {
            return;
        }

        var kind = finding.Condition switch
        {
            CameraCondition.Obstructed => IncidentKind.Obstructed,
            CameraCondition.Blurred => IncidentKind.Blurred,
            _ => IncidentKind.Moved,
        };
        if (await db.DeviceIncidents.AnyAsync(i => i.DeviceId == device.Id && i.Kind == kind && i.ResolvedAt == null, ct))
        {
            return;
        }

        db.DeviceIncidents.Add(new DeviceIncident(Guid.CreateVersion7(), device.Id, kind,
            $"摄像头 {camera} 抓拍画面疑似{finding.Condition.ToChinese()}：{finding.Reason}（抓拍 SHA-256 {sha256}）", SystemReporter, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        log.LogWarning("Camera {Camera} of device {Device}: {Condition}", camera, device.Id, finding.Condition);
    }

    /// <summary>After a lawful change of view, an officer makes the camera's latest snapshot its baseline.</summary>
    public async Task<Result<BaselineView>> ResetBaselineAsync(CurrentUser caller, Guid deviceId, string camera, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == deviceId, ct))
        {
            return DeviceErrors.NotFound;
        }

        var latest = await db.AiEventMedia.AsNoTracking()
            .Where(m => m.Kind == MediaKind.Snapshot && db.AiEvents.Any(e => e.Id == m.EventId && e.DeviceId == deviceId && e.Camera == camera))
            .Join(db.AiEvents, m => m.EventId, e => e.Id, (m, e) => new { m.Sha256, e.OccurredAt })
            .OrderByDescending(x => x.OccurredAt).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return Error.Unprocessable("camera.no_snapshot", $"摄像头 {camera} 尚无抓拍图片，无法设定基准画面。");
        }

        if (await FrameOfAsync(latest.Sha256, ct) is not { } frame || CameraBaseline.From(frame).Value is not { } baseline)
        {
            return Error.Unprocessable("camera.unclear_snapshot", $"摄像头 {camera} 的最新抓拍过暗、过于单一或模糊，不能作为基准画面；请先恢复画面再重设。");
        }

        var by = $"{caller.DisplayName}（{caller.UserName}）";
        var serialised = Convert.ToBase64String(baseline.ToBytes());
        var record = await db.CameraBaselines.FirstOrDefaultAsync(b => b.DeviceId == deviceId && b.Camera == camera, ct);
        if (record is null)
        {
            record = new CameraBaselineRecord(deviceId, camera, serialised, latest.Sha256, clock.GetUtcNow(), by);
            db.CameraBaselines.Add(record);
        }
        else
        {
            record.Reset(serialised, latest.Sha256, clock.GetUtcNow(), by);
        }

        await db.SaveChangesAsync(ct);
        return new BaselineView(deviceId, camera, record.SourceSha256, record.SetAt, record.SetBy);
    }

    private async Task<GreyFrame?> FrameOfAsync(string sha256, CancellationToken ct)
    {
        var bytes = await objects.ReadAsync(sha256, ct);
        if (bytes is null)
        {
            return null;
        }

        Result<GreyFrame> decoded;
        try
        {
            decoded = await decoder.DecodeAsync(bytes, ct);
        }
        catch (InvalidOperationException e)
        {
            // ffmpeg is missing: an installation fault. The event is stored; only the analysis is lost.
            log.LogError(e, "Snapshot {Sha256} not analysed: ffmpeg is not available", sha256);
            return null;
        }

        if (decoded.Value is null)
        {
            log.LogWarning("Snapshot {Sha256} not analysed: {Reason}", sha256, decoded.Error!.Detail);
        }

        return decoded.Value;
    }

    private async Task SaveIgnoringRaceAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // two first snapshots at once: the other one became the baseline
        }
    }
}
