using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;

namespace Tianmu.Evidence;

/// <summary>
/// Leaf data of the evidence log for evidence items (kind <c>evidence</c>): the canonical form of the
/// item — kind and ref first, then the content hash, elements and provenance. Personal data enters
/// only as its ciphertext's SHA-256 (the log is published as proofs; a name never is).
/// </summary>
public sealed class EvidenceLeafSource : ILogLeafSource
{
    public const string KindName = "evidence";

    public string Kind => KindName;

    public async Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var ids = Ids(refs);
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Keys.Contains(i.Id)).ToListAsync(ct);
        return items.ToDictionary(i => ids[i.Id], Leaf);
    }

    /// <summary>The items' ids by the refs as queued (the leaf itself always names the id in lowercase).</summary>
    internal static Dictionary<Guid, string> Ids(IReadOnlyCollection<string> refs)
    {
        var ids = new Dictionary<Guid, string>();
        foreach (var r in refs)
        {
            if (Guid.TryParse(r, out var id))
            {
                ids.TryAdd(id, r);
            }
        }

        return ids;
    }

    /// <summary>The item's leaf data; what it covers never changes (expiry is a tombstone leaf of its own).</summary>
    public static byte[] Leaf(EvidenceItem i)
    {
        using var json = new CanonicalJson();
        json.Begin()
            .String("kind", KindName).String("ref", i.Id.ToString())
            .String("sha256", i.Sha256).String("mediaType", i.MediaType).String("fileName", i.FileName).Int("size", i.SizeBytes)
            .String("title", i.Title).String("form", i.Form.ToString())
            .At("factAt", i.FactAt).At("factUntil", i.FactUntil).String("place", i.Place)
            .String("entity", i.EntityId.ToString()).String("entityName", i.EntityName)
            .String("personsDigest", i.PersonsCipher is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(i.PersonsCipher))))
            .String("warning", i.WarningId?.ToString()).String("aiEvent", i.AiEventId?.ToString()).String("selfReport", i.SelfReportId?.ToString())
            .String("captureMethod", i.CaptureMethod.ToString()).String("device", i.DeviceId?.ToString())
            .String("deviceState", i.DeviceStateJson).String("continuity", i.ContinuityJson)
            .String("collectedBy", i.CollectedBy).At("collectedAt", i.CollectedAt).At("retentionUntil", i.RetentionUntil)
            .End();
        return json.ToBytes();
    }
}

/// <summary>
/// Leaf data for an expiry (kind <c>evidence-tombstone</c>): which item, which content hash went, when,
/// and under which retention — so the log shows the original left by the retention rule, not by anyone's hand.
/// </summary>
public sealed class EvidenceTombstoneLeafSource : ILogLeafSource
{
    public const string KindName = "evidence-tombstone";

    public string Kind => KindName;

    public async Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var ids = EvidenceLeafSource.Ids(refs);
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Keys.Contains(i.Id) && i.ExpiredAt != null).ToListAsync(ct);
        return items.ToDictionary(i => ids[i.Id], Leaf);
    }

    public static byte[] Leaf(EvidenceItem i)
    {
        using var json = new CanonicalJson();
        json.Begin()
            .String("kind", KindName).String("ref", i.Id.ToString())
            .String("sha256", i.Sha256).At("retentionUntil", i.RetentionUntil).At("expiredAt", i.ExpiredAt)
            .End();
        return json.ToBytes();
    }
}
