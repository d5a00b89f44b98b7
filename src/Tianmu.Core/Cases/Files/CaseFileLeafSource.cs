using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;

namespace Tianmu.Cases.Files;

/// <summary>
/// Leaf data of the evidence log for archived case files (kind <c>case-file</c>): the case, the version, the PDF's
/// SHA-256 under "sha256" (so an evidence disc proves the PDF as it proves an original), the pages, the
/// contents' SHA-256, who assembled it and when.
/// </summary>
public sealed class CaseFileLeafSource : ILogLeafSource
{
    public const string KindName = "case-file";

    public string Kind => KindName;

    public async Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var ids = EvidenceLeafSource.Ids(refs);
        var files = await db.CaseFiles.AsNoTracking().Where(f => ids.Keys.Contains(f.Id)).ToListAsync(ct);
        return files.ToDictionary(f => ids[f.Id], Leaf);
    }

    public static byte[] Leaf(CaseFile f)
    {
        using var json = new CanonicalJson();
        json.Begin()
            .String("kind", KindName).String("ref", f.Id.ToString())
            .String("case", f.CaseId.ToString()).Int("version", f.Version)
            .String("sha256", f.PdfSha256).Int("pages", f.PageCount)
            .String("tocSha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f.TocJson))))
            .String("assembledBy", f.AssembledBy).At("assembledAt", f.AssembledAt)
            .End();
        return json.ToBytes();
    }
}
