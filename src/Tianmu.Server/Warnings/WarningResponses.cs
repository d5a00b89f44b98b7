using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings;

namespace Tianmu.Server.Warnings;

public sealed record ResponseView(
    Guid Id, Guid WarningId, string Kind, string KindName, string? Text, IReadOnlyList<ResponseAttachment> Attachments, string ByName, DateTimeOffset At);

/// <summary>A file served from the object store, hash re-checked on read.</summary>
public sealed record StoredFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The officers' side of the entity's answers: every answer to a warning in their jurisdiction, oldest
/// first, with its files. Reading them changes nothing; what to do about them stays the officers' step.
/// </summary>
public sealed class WarningResponses(TianmuDb db, IObjectStore objects)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<ResponseView[]>> ForWarningAsync(CurrentUser caller, Guid warningId, CancellationToken ct)
    {
        if (!await InJurisdiction(caller).AnyAsync(w => w.Id == warningId, ct))
        {
            return Error.NotFound("预警");
        }

        return (await ForAsync([warningId], ct)).GetValueOrDefault(warningId)?.ToArray() ?? [];
    }

    /// <summary>The answers to each of <paramref name="warningIds"/> (already scoped by the caller), oldest first.</summary>
    public async Task<Dictionary<Guid, IReadOnlyList<ResponseView>>> ForAsync(IReadOnlyCollection<Guid> warningIds, CancellationToken ct)
    {
        var ids = warningIds.ToList();
        var rows = await db.WarningResponses.AsNoTracking().Where(r => ids.Contains(r.WarningId)).ToListAsync(ct);
        return rows.OrderBy(r => r.At).ThenBy(r => r.Id).GroupBy(r => r.WarningId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ResponseView>)[.. g.Select(View)]);
    }

    public async Task<Result<StoredFile>> AttachmentAsync(CurrentUser caller, Guid warningId, string sha256, CancellationToken ct) =>
        await InJurisdiction(caller).AnyAsync(w => w.Id == warningId, ct)
            ? await FileAsync(db, objects, warningId, sha256, ct)
            : Error.NotFound("预警");

    /// <summary>A file attached to an answer to this warning — never any other object of the store.</summary>
    public static async Task<Result<StoredFile>> FileAsync(TianmuDb db, IObjectStore objects, Guid warningId, string sha256, CancellationToken ct)
    {
        var hash = sha256.ToLowerInvariant();
        var attached = (await db.WarningResponses.AsNoTracking().Where(r => r.WarningId == warningId).Select(r => r.AttachmentsJson).ToListAsync(ct))
            .SelectMany(Attachments).FirstOrDefault(a => a.Sha256 == hash);
        return attached is not null && await objects.ReadAsync(hash, ct) is { } bytes
            ? new StoredFile(bytes, attached.ContentType, attached.Name)
            : Error.NotFound("附件");
    }

    public static ResponseView View(WarningResponse r) =>
        new(r.Id, r.WarningId, r.Kind.ToString(), r.Kind.ToChinese(), r.Text, Attachments(r.AttachmentsJson), r.ByName, r.At);

    public static IReadOnlyList<ResponseAttachment> Attachments(string json) => JsonSerializer.Deserialize<List<ResponseAttachment>>(json, Json) ?? [];

    public static string Serialize(IReadOnlyList<ResponseAttachment> attachments) => JsonSerializer.Serialize(attachments, Json);

    private IQueryable<Warning> InJurisdiction(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Warnings : j.AgencyPath is { } path ? db.Warnings.Where(w => w.AgencyPath.StartsWith(path)) : db.Warnings.Where(_ => false);
    }
}
