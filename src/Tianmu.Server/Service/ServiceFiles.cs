using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Ingest.AiEvents;
using Tianmu.Server.Ingest;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Service;

/// <summary>A file kept with a service or a paper confirmation: its content hash in the object store, its declared type and name.</summary>
public sealed record StoredAttachment(string Sha256, string ContentType, string Name);

/// <summary>
/// Photos, videos and scans recorded with a service (留置: the photo or video of the service; a paper confirmation's
/// scan). The declared type must match the file's own first bytes; images and PDFs up to 10 MB, videos up to 50 MB.
/// </summary>
public static class ServiceFiles
{
    public const long MaxDocumentBytes = 10 * 1024 * 1024;

    /// <summary>The largest request a form or API call with one video carries.</summary>
    public const long MaxRequestBytes = MediaRules.MaxClipBytes + (1024 * 1024);

    public static async Task<Result<StoredAttachment?>> StoreAsync(IObjectStore store, ResponseFile? file, bool allowVideo, CancellationToken ct)
    {
        if (file is null)
        {
            return (StoredAttachment?)null;
        }

        var type = file.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("image/jpeg" or "image/png" or "application/pdf") && !(allowVideo && type == "video/mp4"))
        {
            return Error.UnsupportedMediaType("service.attachment_type", allowVideo
                ? $"附件“{file.Name}”须为 JPEG、PNG 照片，MP4 视频或 PDF 文件。"
                : $"附件“{file.Name}”须为 JPEG、PNG 图片或 PDF 文件。");
        }

        await using var content = file.Open();
        var head = await UploadStream.HeadAsync(content, MediaRules.SniffLength, ct);
        if (!(type == "application/pdf" ? head.AsSpan().StartsWith("%PDF"u8) : MediaRules.Matches(type, head)))
        {
            return Error.UnsupportedMediaType("service.attachment_type", $"附件“{file.Name}”的内容与其类型 {type} 不符。");
        }

        var limit = type == "video/mp4" ? MediaRules.MaxClipBytes : MaxDocumentBytes;
        var upload = new UploadStream(head, content, limit);
        try
        {
            return new StoredAttachment(await store.PutAsync(upload, ct), type, file.Name);
        }
        catch (UploadTooLargeException)
        {
            return Error.TooLarge("service.attachment_too_large", $"附件“{file.Name}”超过 {limit / 1024 / 1024} MB。");
        }
    }
}
