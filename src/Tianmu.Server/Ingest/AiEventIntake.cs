using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Ingest;
using Tianmu.Ingest.AiEvents;
using Tianmu.Persistence;

using Tianmu.Server.Warnings;

namespace Tianmu.Server.Ingest;

public sealed record AiEventInput(string? Id, string? Type, double? Confidence, DateTimeOffset? Time, string? Camera, AiMediaInput[]? Media);

/// <summary>A file the event declares: the multipart part that carries it and its SHA-256, so the signature covers the files too.</summary>
public sealed record AiMediaInput(string? Part, string? Sha256);

public sealed record AiEventReceipt(Guid Id, Guid DeviceId, bool Duplicate, bool Usable, IReadOnlyList<MediaReceipt> Media);

public sealed record MediaReceipt(string Sha256, MediaKind Kind, string ContentType, long Length);

/// <summary>
/// Receives an AI event from an edge box as multipart/form-data: first the part <c>event</c> (JSON,
/// signed like readings), then one part per declared file. Each file streams into the write-once
/// store while its SHA-256 is computed; the file must be of an accepted type (checked against its own
/// bytes), within its size limit, and hash to what the signed event declared — otherwise the event is
/// refused as a whole. An event already stored (same box event id) is answered as a duplicate.
/// </summary>
public sealed partial class AiEventIntake(TianmuDb db, DeviceSignature signature, IObjectStore objects, CameraWatch cameras, AiEventWarnings warnings, TimeProvider clock)
{
    public const int MaxEventJsonBytes = 16 * 1024;
    public const int MaxMedia = 6;
    public const long MaxRequestBytes = MediaRules.MaxClipBytes * 2 + (4 * MediaRules.MaxSnapshotBytes) + MaxEventJsonBytes;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<AiEventReceipt>> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var h = request.Headers;
        if (string.IsNullOrEmpty(h["X-Device-Id"]) || string.IsNullOrEmpty(h["X-Signature"]))
        {
            return DeviceSignature.Unauthenticated;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Error.UnsupportedMediaType("unsupported_media_type", "请以 multipart/form-data 提交：先是 event（JSON），再是其声明的各个文件。");
        }

        var reader = new MultipartReader(boundary, request.Body);
        var first = await reader.ReadNextSectionAsync(ct);
        if (first is null || PartName(first) != "event")
        {
            return Error.Validation("event", "第一个部分须为 event（事件 JSON）。");
        }

        var eventBytes = await UploadStream.HeadAsync(first.Body, MaxEventJsonBytes + 1, ct);
        if (eventBytes.Length > MaxEventJsonBytes)
        {
            return Error.TooLarge("ingest.event_too_large", $"事件 JSON 不得超过 {MaxEventJsonBytes / 1024} KB。");
        }

        var authenticated = await signature.AuthenticateAsync(h["X-Device-Id"], h["X-Timestamp"], h["X-Signature"], eventBytes, ct);
        if (authenticated.Value is not { } device)
        {
            return authenticated.Error!;
        }

        var parsed = Parse(eventBytes);
        if (parsed.Value is not { } input)
        {
            return parsed.Error!;
        }

        var existing = await db.AiEvents.AsNoTracking().Include(e => e.Media)
            .FirstOrDefaultAsync(e => e.DeviceId == device.Id && e.ExternalId == input.Id, ct);
        if (existing is not null)
        {
            return Receipt(existing, duplicate: true);
        }

        var received = await ReceiveMediaAsync(reader, input.Media!, ct);
        if (received.Value is not { } media)
        {
            return received.Error!;
        }

        var stamp = await UsabilityStamp.ForAsync(db, device, ct);
        var aiEvent = new AiEvent(Guid.CreateVersion7(), device.Id, input.Id!, input.Camera!, input.Type!, input.Confidence!.Value,
            input.Time!.Value.ToUniversalTime(), stamp.Usable(input.Time.Value, "N"), clock.GetUtcNow());
        foreach (var m in media)
        {
            aiEvent.Attach(new AiEventMedia(aiEvent.Id, m.Sha256, m.Kind, m.ContentType, m.Length));
        }

        db.AiEvents.Add(aiEvent);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same event arrived twice at once; the other request stored it.
            db.ChangeTracker.Clear();
            return Receipt(await db.AiEvents.AsNoTracking().Include(x => x.Media).FirstAsync(x => x.DeviceId == device.Id && x.ExternalId == input.Id, ct), duplicate: true);
        }

        foreach (var snapshot in media.Where(m => m.Kind == MediaKind.Snapshot))
        {
            await cameras.CheckAsync(device, aiEvent.Camera, snapshot.Sha256, ct);
        }

        if (AiEventTypes.Find(aiEvent.Type) is { Violation: true })
        {
            await warnings.EvaluateAsync(device.Id, ct);
        }

        return Receipt(aiEvent, duplicate: false);
    }

    private async Task<Result<List<MediaReceipt>>> ReceiveMediaAsync(MultipartReader reader, AiMediaInput[] declared, CancellationToken ct)
    {
        var expected = declared.ToDictionary(m => m.Part!, m => m.Sha256!.ToLowerInvariant(), StringComparer.Ordinal);
        var stored = new List<MediaReceipt>();
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var part = PartName(section);
            if (part is null || !expected.Remove(part, out var declaredHash))
            {
                return Error.Validation("media", $"文件部分“{part}”未在事件 media 中声明或重复提交。");
            }

            if (MediaRules.KindOf(section.ContentType) is not { } kind)
            {
                return Error.UnsupportedMediaType("ingest.media_type", $"文件“{part}”的类型 {section.ContentType} 不受支持：抓拍图片须为 image/jpeg 或 image/png，短视频须为 video/mp4。");
            }

            var head = await UploadStream.HeadAsync(section.Body, MediaRules.SniffLength, ct);
            if (!MediaRules.Matches(section.ContentType!, head))
            {
                return Error.UnsupportedMediaType("ingest.media_signature", $"文件“{part}”的内容与声明的类型 {MediaRules.Normalise(section.ContentType!)} 不符。");
            }

            var upload = new UploadStream(head, section.Body, MediaRules.LimitOf(kind));
            string hash;
            try
            {
                hash = await objects.PutAsync(upload, ct);
            }
            catch (UploadTooLargeException)
            {
                return Error.TooLarge("ingest.media_too_large", $"文件“{part}”超过上限：图片 {MediaRules.MaxSnapshotBytes / 1024 / 1024} MB，视频 {MediaRules.MaxClipBytes / 1024 / 1024} MB。");
            }

            if (hash != declaredHash)
            {
                return Error.Unprocessable("ingest.media_hash_mismatch", $"文件“{part}”的 SHA-256 与事件中声明的不一致，可能在传输中损坏或被替换。");
            }

            stored.Add(new MediaReceipt(hash, kind, MediaRules.Normalise(section.ContentType!), upload.Length64));
        }

        return expected.Count > 0
            ? Error.Validation("media", $"事件声明的文件未收到：{string.Join("、", expected.Keys)}。")
            : stored;
    }

    private Result<AiEventInput> Parse(byte[] eventBytes)
    {
        AiEventInput? input;
        try
        {
            input = JsonSerializer.Deserialize<AiEventInput>(eventBytes, Json);
        }
        catch (JsonException e)
        {
            return new Error(ErrorKind.Validation, "malformed_json", $"event 不是有效的 JSON（{e.Path}）。", new Dictionary<string, string[]> { ["event"] = ["event 不是有效的 JSON。"] });
        }

        var errors = new FieldErrors();
        if (input?.Id is not { } id || !Code().IsMatch(id))
        {
            errors.Add("id", "事件编号 id 须为 1–64 位字母、数字或 . _ : -。");
        }

        if (AiEventTypes.Find(input?.Type) is null)
        {
            errors.Add("type", $"事件类型无效，可用：{string.Join("、", AiEventTypes.All.Select(t => $"{t.Code}（{t.Name}）"))}。");
        }

        if (input?.Confidence is not (>= 0 and <= 1))
        {
            errors.Add("confidence", "置信度 confidence 须在 0 到 1 之间。");
        }

        if (input?.Time is not { } time)
        {
            errors.Add("time", "缺少事件时间 time（ISO 8601，含时区）。");
        }
        else if (time > clock.GetUtcNow() + HttpIngest.FutureTolerance)
        {
            errors.Add("time", $"事件时间 {ChinaTime.Format(time)} 晚于服务器时间，疑似设备时钟错误。");
        }

        if (input?.Camera is not { } camera || !Code().IsMatch(camera))
        {
            errors.Add("camera", "摄像头编号 camera 须为 1–64 位字母、数字或 . _ : -。");
        }

        var media = input?.Media ?? [];
        if (media.Length > MaxMedia || media.Any(m => m.Part is not { } p || !Code().IsMatch(p) || m.Sha256 is not { Length: 64 } s || !s.All(Uri.IsHexDigit))
            || media.Select(m => m.Part).Distinct().Count() != media.Length)
        {
            errors.Add("media", $"media 至多 {MaxMedia} 项，每项须有不重复的 part 与 64 位十六进制 sha256。");
        }

        return errors.Any ? errors.ToError() : input! with { Media = media };
    }

    private static string? PartName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;

    private static AiEventReceipt Receipt(AiEvent e, bool duplicate) =>
        new(e.Id, e.DeviceId, duplicate, e.Usable, [.. e.Media.Select(m => new MediaReceipt(m.Sha256, m.Kind, m.ContentType, m.SizeBytes))]);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Code();
}
