using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Documents;
using Tianmu.Server.Portal;
using Tianmu.Service;

namespace Tianmu.Server.Service;

public sealed record PortalDocumentRow(
    Guid Id, string TypeName, string? Number, string AgencyName, Guid EntityId, string EntityName, string MethodName, DateOnly ServedOn, DateTimeOffset? FirstOpenedAt);

public sealed record PortalDocumentView(PortalDocumentRow Document, DateTimeOffset IssuedAt, string PdfSha256, string? Addresses, DateTimeOffset? DeliveredAt, string? ReceiptNumber);

/// <summary>
/// The documents served on the caller's entities (本单位文书): only served ones, only the caller's entities — anything
/// else is simply not found. Opening one (its page, its API detail or its PDF) records the first opening on the service
/// record, once.
/// </summary>
public sealed class PortalDocuments(TianmuDb db, DocumentDesk documents, TimeProvider clock)
{
    public async Task<IReadOnlyList<PortalDocumentRow>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var served = await Mine(caller).AsNoTracking().OrderByDescending(r => r.ServedOn).ThenByDescending(r => r.CompletedAt).Take(500).ToListAsync(ct);
        return await RowsAsync(served, ct);
    }

    public async Task<Result<PortalDocumentView>> OpenAsync(CurrentUser caller, Guid documentId, CancellationToken ct)
    {
        var record = await OpenedAsync(caller, documentId, ct);
        if (record is null)
        {
            return Error.NotFound("文书");
        }

        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == documentId, ct);
        var receipt = record.ReceiptDocumentId is { } rid ? await db.Documents.AsNoTracking().Where(d => d.Id == rid).Select(d => d.Number).FirstOrDefaultAsync(ct) : null;
        return new PortalDocumentView((await RowsAsync([record], ct))[0], document.IssuedAt!.Value, document.PdfSha256!, record.Addresses, record.DeliveredAt, receipt);
    }

    public async Task<Result<DocumentFile>> PdfAsync(CurrentUser caller, Guid documentId, CancellationToken ct)
    {
        if (await OpenedAsync(caller, documentId, ct) is null)
        {
            return Error.NotFound("文书");
        }

        return await documents.PdfOfAsync(await db.Documents.AsNoTracking().FirstAsync(d => d.Id == documentId, ct), ct);
    }

    /// <summary>The served record of the caller's document, its first opening recorded (kept if another request recorded it first).</summary>
    private async Task<ServiceRecord?> OpenedAsync(CurrentUser caller, Guid documentId, CancellationToken ct)
    {
        var record = await Mine(caller).FirstOrDefaultAsync(r => r.DocumentId == documentId, ct);
        if (record is null || !record.Opened(clock.GetUtcNow(), $"{caller.DisplayName}（{caller.UserName}）"))
        {
            return record;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // opened at the same moment elsewhere (that opening stands), or the receipt attached (try again)
            var now = await Mine(caller).AsNoTracking().FirstOrDefaultAsync(r => r.DocumentId == documentId, ct);
            return now is { FirstOpenedAt: null } ? await OpenedAsync(caller, documentId, ct) : now;
        }

        return record;
    }

    private IQueryable<ServiceRecord> Mine(CurrentUser caller) =>
        db.ServiceRecords.Where(r => r.Status == ServiceStatus.Served && db.EntityIdsOf(caller).Contains(r.EntityId));

    private async Task<IReadOnlyList<PortalDocumentRow>> RowsAsync(IReadOnlyList<ServiceRecord> served, CancellationToken ct)
    {
        var ids = served.Select(r => r.DocumentId).ToList();
        var docs = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Type, d.Number, d.AgencyId }).ToDictionaryAsync(d => d.Id, ct);
        var agencyIds = docs.Values.Select(d => d.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var entityIds = served.Select(r => r.EntityId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return [.. served.Select(r =>
        {
            var d = docs[r.DocumentId];
            return new PortalDocumentRow(d.Id, DocumentTypes.Of(d.Type).Name, d.Number, agencies[d.AgencyId], r.EntityId, entities[r.EntityId], r.Method.ToChinese(), r.ServedOn!.Value, r.FirstOpenedAt);
        })];
    }
}
