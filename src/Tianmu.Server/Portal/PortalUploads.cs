using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Server.Ingest;
using Tianmu.Server.SelfReports;
using Tianmu.Warnings;

namespace Tianmu.Server.Portal;

/// <summary>
/// Files an entity attaches in the portal (answers to warnings, credit-repair applications): at most
/// <see cref="MaxFiles"/> JPEG, PNG or PDF files whose content matches their type, stored content-addressed.
/// </summary>
public static class PortalUploads
{
    public const int MaxFiles = 5;

    public static void Check(IReadOnlyList<ResponseFile> files, FieldErrors errors)
    {
        if (files.Count > MaxFiles)
        {
            errors.Add("files", $"附件最多 {MaxFiles} 个。");
        }

        foreach (var file in files.Where(f => FileType(f.ContentType) is null))
        {
            errors.Add("files", $"附件“{file.Name}”须为 JPEG、PNG 图片或 PDF 文件。");
        }
    }

    /// <summary>Stores checked files; <paramref name="codePrefix"/> starts the problem codes (e.g. warning_response).</summary>
    public static async Task<Result<List<ResponseAttachment>>> StoreAsync(IObjectStore objects, IReadOnlyList<ResponseFile> files, string codePrefix, CancellationToken ct)
    {
        var stored = new List<ResponseAttachment>();
        foreach (var file in files)
        {
            var type = FileType(file.ContentType)!;
            await using var content = file.Open();
            var head = await UploadStream.HeadAsync(content, 8, ct);
            if (!(type == "application/pdf" ? head.AsSpan().StartsWith("%PDF"u8) : Tianmu.Ingest.AiEvents.MediaRules.Matches(type, head)))
            {
                return Error.UnsupportedMediaType($"{codePrefix}.attachment_type", $"附件“{file.Name}”的内容与其类型 {type} 不符。");
            }

            var upload = new UploadStream(head, content, SelfReportSubmissions.MaxAttachmentBytes);
            try
            {
                stored.Add(new ResponseAttachment(file.Name, await objects.PutAsync(upload, ct), type, upload.Length64));
            }
            catch (UploadTooLargeException)
            {
                return Error.TooLarge($"{codePrefix}.attachment_too_large", $"附件“{file.Name}”超过 {SelfReportSubmissions.MaxAttachmentBytes / 1024 / 1024} MB。");
            }
        }

        return stored;
    }

    private static string? FileType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            { } type when type is "image/jpeg" or "image/png" or "application/pdf" => type,
            _ => null,
        };
}
