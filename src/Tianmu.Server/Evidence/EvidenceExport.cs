using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Evidence.Export;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Evidence;

/// <summary>An exported package in a scratch file, deleted once the download has been sent.</summary>
public sealed record ExportedPackage(string Path, string FileName, string MediaType);

/// <summary>
/// 刻录光盘 (S17): the evidence of a warning (the case issue adds cases) as a ZIP or an ISO 9660 image
/// that verifies offline — the originals, their leaf data and inclusion proofs up to one signed tree head
/// published for the export, and the log's public key. Every item is read through
/// <see cref="EvidenceDesk.ContentAsync"/>, so the hash is re-checked, a tampered or expired original stops
/// the export, and each item's export is written to its chain of custody with the reason.
/// </summary>
public sealed class EvidenceExport(TianmuDb db, EvidenceDesk desk, EvidenceLog evidenceLog, TreeHeads heads, TimeProvider clock)
{
    public async Task<Result<ExportedPackage>> ForWarningAsync(CurrentUser caller, Guid warningId, string? format, string? reason, CancellationToken ct)
    {
        var kind = format?.ToLowerInvariant() switch
        {
            null or "" or "zip" => PackageFormat.Zip,
            "iso" => PackageFormat.Iso,
            _ => (PackageFormat?)null,
        };
        if (kind is not { } packageFormat)
        {
            return Error.Validation("format", "导出格式只能是 zip 或 iso（光盘映像）。");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("reason", "导出证据须填写事由（如：移送法制审核、刻录光盘归档）。");
        }

        var items = await desk.Scoped(caller).AsNoTracking().Where(i => i.WarningId == warningId && i.ExpiredAt == null).OrderBy(i => i.CollectedAt).ToListAsync(ct);
        if (items.Count == 0)
        {
            return Error.NotFound("该预警的证据");
        }

        var refs = items.Select(i => i.Id.ToString()).ToList();
        var leaves = await db.LogLeaves.AsNoTracking().Where(l => l.Kind == EvidenceLeafSource.KindName && refs.Contains(l.Ref)).ToDictionaryAsync(l => l.Ref, ct);
        if (items.FirstOrDefault(i => !leaves.ContainsKey(i.Id.ToString())) is { } pending)
        {
            return Error.Conflict("evidence.export_pending", $"证据“{pending.Title}”尚未写入防篡改日志（通常在数秒内完成），请稍后再导出。");
        }

        // A head covering every item, published now if the latest does not.
        var head = await heads.LatestAsync(ct);
        if (head is null || head.TreeSize <= leaves.Values.Max(l => l.LeafIndex))
        {
            head = await heads.PublishAsync(onlyIfGrown: false, ct);
        }

        var key = await db.LogKeys.AsNoTracking().SingleAsync(k => k.KeyId == head!.KeyId, ct);
        var packageItems = new List<PackageItem>();
        foreach (var item in items)
        {
            var content = await desk.ContentAsync(caller, item.Id, AccessAction.Export, reason, ct);
            if (!content.IsSuccess)
            {
                return content.Error!;
            }

            var leaf = leaves[item.Id.ToString()];
            var data = EvidenceLeafSource.Leaf(item);
            var proof = await evidenceLog.ReadAsync(t => t.InclusionProof(leaf.LeafIndex, head!.TreeSize), ct);
            var bytes = content.Value!.Bytes;
            packageItems.Add(new PackageItem(item.Id.ToString(), item.Title, (JsonObject)JsonNode.Parse(data)!, item.Sha256, item.FileName,
                _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)), data, leaf.LeafIndex, proof));
        }

        var now = clock.GetUtcNow();
        var package = new EvidencePackage($"预警 {warningId} 证据", $"warning:{warningId}", caller.DisplayName, now, head!.ToSigned(), key.PublicKey, packageItems);
        var extension = packageFormat == PackageFormat.Iso ? "iso" : "zip";
        var path = Path.Combine(Path.GetTempPath(), $"tianmu-export-{Guid.NewGuid():N}.{extension}");
        try
        {
            await PackageWriter.WriteToPathAsync(package, packageFormat, path, ct);
        }
        catch (PackageExportException e)
        {
            return Error.Conflict("evidence.export_failed", e.Message);
        }

        return new ExportedPackage(path, $"证据-{ChinaTime.Format(now).Replace(':', '-').Replace(' ', '_')}.{extension}",
            packageFormat == PackageFormat.Iso ? "application/x-iso9660-image" : "application/zip");
    }
}
