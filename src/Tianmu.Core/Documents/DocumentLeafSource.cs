using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;

namespace Tianmu.Documents;

/// <summary>
/// Leaf data of the evidence log for issued documents (kind <c>document</c>), queued by a trigger when a row
/// becomes Issued: id, type, number, agency, case, the PDF's and the signature's SHA-256 and the issue time.
/// </summary>
public sealed class DocumentLeafSource : ILogLeafSource
{
    public const string KindName = "document";

    public string Kind => KindName;

    public async Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var ids = EvidenceLeafSource.Ids(refs);
        var documents = await db.Documents.AsNoTracking().Where(d => ids.Keys.Contains(d.Id) && d.Status == DocumentStatus.Issued).ToListAsync(ct);
        return documents.ToDictionary(d => ids[d.Id], Leaf);
    }

    public static byte[] Leaf(Document d)
    {
        using var json = new CanonicalJson();
        json.Begin()
            .String("kind", KindName).String("ref", d.Id.ToString())
            .String("type", d.Type.ToString()).String("number", d.Number)
            .String("agency", d.AgencyId.ToString()).String("case", d.CaseId?.ToString())
            .String("pdfSha256", d.PdfSha256).String("signatureSha256", d.SignatureSha256)
            .At("issuedAt", d.IssuedAt)
            .End();
        return json.ToBytes();
    }
}
