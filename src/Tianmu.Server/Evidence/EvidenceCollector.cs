using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence;
using Tianmu.Ingest.AiEvents;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Hosting;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Makes evidence items from what the platform has received, off the ingest and rule engine's hot path:
/// a data snapshot for each warning on a device metric once its window is complete, an item per file of
/// each AI event that reports a violation, and an item per attachment of each self-report and of each
/// answer an entity gave to a warning. Each source is taken once (unique source key).
/// </summary>
public sealed class EvidenceCollector(TianmuDb db, IObjectStore objects, EvidenceRecorder recorder, VideoProbe video, TimeProvider clock)
{
    private const int Batch = 50;
    private const string System = "系统自动采集";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> CollectAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await SnapshotsAsync(now, ct) + await AiEventsAsync(now, ct) + await SelfReportsAsync(now, ct) + await ResponsesAsync(now, ct);
    }

    /// <summary>Freezes the readings window of each warning whose window is complete.</summary>
    public async Task<int> SnapshotsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.Warnings.AsNoTracking()
            .Where(w => w.DeviceId != null && w.Metric != null && !db.EvidenceItems.Any(i => i.WarningId == w.Id && i.CaptureMethod == CaptureMethod.OnlineMonitoring))
            .OrderBy(w => w.CreatedAt).Take(Batch * 4).ToListAsync(ct);
        var made = 0;
        foreach (var w in pending.Where(w => DataSnapshot.Ready(w, now)).Take(Batch))
        {
            made += await SnapshotAsync(w, now, ct) ? 1 : 0;
        }

        return made;
    }

    public async Task<bool> SnapshotAsync(Warning w, DateTimeOffset now, CancellationToken ct)
    {
        var device = w.DeviceId!.Value;
        var (from, to) = DataSnapshot.WindowOf(w);
        var readings = await db.Readings.AsNoTracking()
            .Where(r => r.DeviceId == device && r.Metric == w.Metric && r.DeviceTime >= from && r.DeviceTime <= to).ToListAsync(ct);
        var continuity = Continuity.Series(readings.Select(r => r.DeviceTime), from, to);
        var rule = RulePacks.Find(w.PackCode) is { } pack && pack.Version == w.PackVersion ? pack.Rules.FirstOrDefault(r => r.Code == w.RuleCode) : null;
        var document = DataSnapshot.Write(w, rule, device, readings, continuity);
        var sha = await objects.PutAsync(new MemoryStream(document), ct);
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == w.EntityId, ct);
        var item = await recorder.RecordAsync(
            new EvidenceFacts($"warning-snapshot:{w.Id:N}", w.AgencyId, w.AgencyPath, w.EntityId, entity.Name, $"数据快照：{w.RuleName}（{w.Metric}）",
                EvidenceForm.ElectronicData, from, to, await recorder.PlaceAsync(w.EntityId, device, ct), null, WarningId: w.Id),
            new StoredOriginal(sha, DataSnapshot.MediaType, $"数据快照-{w.RuleCode}-{w.Id:N}.json", document.LongLength),
            new Provenance(CaptureMethod.OnlineMonitoring, device, await recorder.DeviceStateAsync(device, w.EpisodeStart, ct), continuity.ToJson(), System, null, now),
            ct);
        return item is not null;
    }

    /// <summary>Each file of each violation event the boxes reported.</summary>
    public async Task<int> AiEventsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var violations = AiEventTypes.All.Where(t => t.Violation).Select(t => t.Code).ToList();
        var events = await db.AiEvents.AsNoTracking().Include(e => e.Media)
            .Where(e => violations.Contains(e.Type) && e.Media.Any() && !db.EvidenceItems.Any(i => i.AiEventId == e.Id))
            .OrderBy(e => e.ReceivedAt).Take(Batch).ToListAsync(ct);
        var made = 0;
        foreach (var e in events)
        {
            var device = await db.Devices.AsNoTracking().Include(d => d.Entity).FirstAsync(d => d.Id == e.DeviceId, ct);
            var entity = device.Entity!;
            var state = await recorder.DeviceStateAsync(device.Id, e.OccurredAt, ct);
            var place = await recorder.PlaceAsync(entity.Id, device.Id, ct);
            var type = AiEventTypes.Find(e.Type)?.Name ?? e.Type;
            foreach (var m in e.Media)
            {
                string? continuity = null;
                if (m.Kind == MediaKind.Clip)
                {
                    continuity = await objects.ReadAsync(m.Sha256, ct) is { } clip
                        ? (await video.CheckAsync(clip, e.OccurredAt, ct)).ToJson()
                        : ContinuityReport.NotChecked("video", "原件缺失，未能检查连续性。").ToJson();
                }

                var kind = m.Kind == MediaKind.Clip ? "短视频" : "抓拍图片";
                var item = await recorder.RecordAsync(
                    new EvidenceFacts($"ai-event:{e.Id:N}:{m.Sha256}", entity.AgencyId, entity.AgencyPath, entity.Id, entity.Name, $"AI 事件{kind}：{type}（{e.Camera}）",
                        EvidenceForm.AudioVisual, e.OccurredAt, null, place, null, AiEventId: e.Id),
                    new StoredOriginal(m.Sha256, m.ContentType, $"{e.ExternalId}-{m.Sha256[..8]}{Extension(m.ContentType)}", m.SizeBytes),
                    new Provenance(CaptureMethod.AiEvent, device.Id, state, continuity, System, null, now),
                    ct);
                made += item is null ? 0 : 1;
            }
        }

        return made;
    }

    /// <summary>Each attachment of each self-report (自律报送, with its written commitment).</summary>
    public async Task<int> SelfReportsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var reports = await db.SelfReports.AsNoTracking()
            .Where(r => r.AttachmentsJson != "[]" && !db.EvidenceItems.Any(i => i.SelfReportId == r.Id))
            .OrderBy(r => r.SubmittedAt).Take(Batch).ToListAsync(ct);
        var made = 0;
        foreach (var r in reports)
        {
            var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == r.EntityId, ct);
            foreach (var a in JsonSerializer.Deserialize<List<ReportAttachment>>(r.AttachmentsJson, Json) ?? [])
            {
                var item = await recorder.RecordAsync(
                    new EvidenceFacts($"self-report:{r.Id:N}:{a.Sha256}", entity.AgencyId, entity.AgencyPath, entity.Id, entity.Name, $"自律报送附件：{a.Name}",
                        EvidenceForm.Documentary, r.SubmittedAt, null, entity.Address, null, SelfReportId: r.Id),
                    new StoredOriginal(a.Sha256, a.ContentType, a.Name, a.SizeBytes),
                    new Provenance(CaptureMethod.SelfReport, null, null, null, r.SignerName, r.SignerUserId, now),
                    ct);
                made += item is null ? 0 : 1;
            }
        }

        return made;
    }

    /// <summary>Each attachment of the entity's answers to its warnings (陈述、申辩 materials), of the last 30 days.</summary>
    public async Task<int> ResponsesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-30);
        var responses = await db.WarningResponses.AsNoTracking().Where(r => r.AttachmentsJson != "[]" && r.At >= since).OrderBy(r => r.At).ToListAsync(ct);
        var keys = responses.SelectMany(r => Attachments(r).Select(a => Key(r, a))).ToList();
        var done = (await db.EvidenceItems.AsNoTracking().Where(i => keys.Contains(i.SourceKey!)).Select(i => i.SourceKey).ToListAsync(ct)).ToHashSet();
        var made = 0;
        foreach (var r in responses)
        {
            var w = await db.Warnings.AsNoTracking().FirstAsync(x => x.Id == r.WarningId, ct);
            var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == r.EntityId, ct);
            foreach (var a in Attachments(r).Where(a => !done.Contains(Key(r, a))))
            {
                var item = await recorder.RecordAsync(
                    new EvidenceFacts(Key(r, a), w.AgencyId, w.AgencyPath, entity.Id, entity.Name, $"相对人回应附件：{a.Name}",
                        EvidenceForm.Documentary, r.At, null, entity.Address, null, WarningId: w.Id),
                    new StoredOriginal(a.Sha256, a.ContentType, a.Name, a.SizeBytes),
                    new Provenance(CaptureMethod.EntityResponse, null, null, null, r.ByName, r.ByUserId, now),
                    ct);
                made += item is null ? 0 : 1;
            }
        }

        return made;
    }

    private static List<ResponseAttachment> Attachments(WarningResponse r) => JsonSerializer.Deserialize<List<ResponseAttachment>>(r.AttachmentsJson, Json) ?? [];

    private static string Key(WarningResponse r, ResponseAttachment a) => $"warning-response:{r.Id:N}:{a.Sha256}";

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "video/mp4" => ".mp4",
        _ => "",
    };
}

/// <summary>Collects new evidence every minute, on one node.</summary>
public sealed class EvidenceCollectorJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<EvidenceCollectorJob> log)
    : ScopedJob<EvidenceCollector>(scopes, leases, clock, log)
{
    protected override string Name => "evidence-collector";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(20);

    protected override Task<int> RunAsync(EvidenceCollector service, CancellationToken ct) => service.CollectAsync(ct);
}
