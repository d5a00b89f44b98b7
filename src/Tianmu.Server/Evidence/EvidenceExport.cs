using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases.Files;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Evidence;
using Tianmu.Evidence.Export;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Evidence;

/// <summary>An exported package in a scratch file, deleted once the download has been sent.</summary>
public sealed record ExportedPackage(string Path, string FileName, string MediaType);

/// <summary>
/// 刻录光盘 (S17): the evidence of a warning, or the whole archived file of a case, as a ZIP or an ISO 9660
/// image that verifies offline — the originals, their leaf data and inclusion proofs up to one signed tree head
/// published for the export, and the log's public key. Every evidence item is read through
/// <see cref="EvidenceDesk.ContentAsync"/>, so the hash is re-checked, a tampered or expired original stops
/// the export, and each item's export is written to its chain of custody with the reason. A case's disc adds
/// the archived case file PDF (leaf kind case-file) and every issued document's PDF and .p7s signature (leaf
/// kind document, named by its "pdfSha256" / "signatureSha256").
/// </summary>
public sealed class EvidenceExport(TianmuDb db, EvidenceDesk desk, CaseDesk cases, IObjectStore store, EvidenceLog evidenceLog, TreeHeads heads, TimeProvider clock)
{
    /// <summary>Something on the disc that the log proves: which leaf, what the leaf names, how to read it.</summary>
    private sealed record Logged(string Kind, string Ref, string Id, string Title, byte[] LeafData, string Sha256, string FileName, string? LeafKey, Func<CancellationToken, Task<Stream>> Open);

    public async Task<Result<ExportedPackage>> ForWarningAsync(CurrentUser caller, Guid warningId, string? format, string? reason, CancellationToken ct)
    {
        if (Check(format, reason) is { Error: { } invalid })
        {
            return invalid;
        }

        var items = await desk.Scoped(caller).AsNoTracking().Where(i => i.WarningId == warningId && i.ExpiredAt == null).OrderBy(i => i.CollectedAt).ToListAsync(ct);
        if (items.Count == 0)
        {
            return Error.NotFound("该预警的证据");
        }

        var logged = await EvidenceAsync(caller, items, reason!, ct);
        return logged.Error is { } e ? e : await WriteAsync(caller, $"预警 {warningId} 证据", $"warning:{warningId}", "证据", logged.Value!, Check(format, reason).Value, ct);
    }

    /// <summary>An archived case's disc: its case file, its issued documents with their signatures, and the evidence it relies on.</summary>
    public async Task<Result<ExportedPackage>> ForCaseAsync(CurrentUser caller, Guid caseId, string? format, string? reason, CancellationToken ct)
    {
        if (Check(format, reason) is { Error: { } invalid })
        {
            return invalid;
        }

        var c = await cases.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var file = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == caseId).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return Error.Conflict("case_file.not_archived", "案件归档时才生成正式案卷；归档后方可导出案卷光盘。归档前可先查看案卷预览。");
        }

        var logged = new List<Logged>
        {
            new(CaseFileLeafSource.KindName, file.Id.ToString(), file.Id.ToString(), $"案卷（第 {file.Version} 版，{file.PageCount} 页）", CaseFileLeafSource.Leaf(file), file.PdfSha256, "案卷.pdf", null,
                PackageItem.FromStore(store, file.PdfSha256)),
        };
        var documents = (await db.Documents.AsNoTracking().Where(d => d.CaseId == caseId && d.Status == DocumentStatus.Issued).ToListAsync(ct)).OrderBy(d => d.IssuedAt).ToList();
        foreach (var d in documents)
        {
            var name = $"{DocumentTypes.Of(d.Type).Name}{(d.Number is null ? "" : " " + d.Number)}";
            var leaf = DocumentLeafSource.Leaf(d);
            logged.Add(new(DocumentLeafSource.KindName, d.Id.ToString(), d.Id.ToString(), name, leaf, d.PdfSha256!, "document.pdf", "pdfSha256", PackageItem.FromStore(store, d.PdfSha256!)));
            logged.Add(new(DocumentLeafSource.KindName, d.Id.ToString(), $"{d.Id}.p7s", $"{name} 电子签名", leaf, d.SignatureSha256!, "document.p7s", "signatureSha256", PackageItem.FromStore(store, d.SignatureSha256!)));
        }

        var ids = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == caseId).Select(e => e.ItemId).ToListAsync(ct);
        var items = await desk.Scoped(caller).AsNoTracking().Where(i => ids.Contains(i.Id) && i.ExpiredAt == null).OrderBy(i => i.CollectedAt).ToListAsync(ct);
        var evidence = await EvidenceAsync(caller, items, reason!, ct);
        if (evidence.Error is { } e)
        {
            return e;
        }

        logged.AddRange(evidence.Value!);
        return await WriteAsync(caller, $"案件“{c.Title}”案卷光盘", $"case:{caseId}", "案卷", logged, Check(format, reason).Value, ct);
    }

    private static Result<PackageFormat> Check(string? format, string? reason)
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

        return string.IsNullOrWhiteSpace(reason)
            ? Error.Validation("reason", "导出证据须填写事由（如：移送法制审核、刻录光盘归档）。")
            : packageFormat;
    }

    /// <summary>The evidence items, each read (and its export recorded in the chain of custody) now.</summary>
    private async Task<Result<List<Logged>>> EvidenceAsync(CurrentUser caller, IReadOnlyList<EvidenceItem> items, string reason, CancellationToken ct)
    {
        var logged = new List<Logged>();
        foreach (var item in items)
        {
            var content = await desk.ContentAsync(caller, item.Id, AccessAction.Export, reason, ct);
            if (!content.IsSuccess)
            {
                return content.Error!;
            }

            var bytes = content.Value!.Bytes;
            logged.Add(new(EvidenceLeafSource.KindName, item.Id.ToString(), item.Id.ToString(), item.Title, EvidenceLeafSource.Leaf(item), item.Sha256, item.FileName, null,
                _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))));
        }

        return logged;
    }

    private async Task<Result<ExportedPackage>> WriteAsync(CurrentUser caller, string title, string reference, string fileLabel, List<Logged> logged, PackageFormat packageFormat, CancellationToken ct)
    {
        var leaves = new Dictionary<(string Kind, string Ref), Tianmu.Evidence.Log.LogLeaf>();
        foreach (var kind in logged.GroupBy(l => l.Kind))
        {
            var refs = kind.Select(l => l.Ref).Distinct().ToList();
            foreach (var leaf in await db.LogLeaves.AsNoTracking().Where(l => l.Kind == kind.Key && refs.Contains(l.Ref)).ToListAsync(ct))
            {
                leaves[(leaf.Kind, leaf.Ref)] = leaf;
            }
        }

        if (logged.FirstOrDefault(l => !leaves.ContainsKey((l.Kind, l.Ref))) is { } pending)
        {
            return Error.Conflict("evidence.export_pending", $"“{pending.Title}”尚未写入防篡改日志（通常在数秒内完成），请稍后再导出。");
        }

        // A head covering every leaf, published now if the latest does not.
        var head = await heads.LatestAsync(ct);
        if (head is null || head.TreeSize <= leaves.Values.Max(l => l.LeafIndex))
        {
            head = await heads.PublishAsync(onlyIfGrown: false, ct);
        }

        var key = await db.LogKeys.AsNoTracking().SingleAsync(k => k.KeyId == head!.KeyId, ct);
        var packageItems = new List<PackageItem>();
        foreach (var l in logged)
        {
            var leaf = leaves[(l.Kind, l.Ref)];
            var proof = await evidenceLog.ReadAsync(t => t.InclusionProof(leaf.LeafIndex, head!.TreeSize), ct);
            packageItems.Add(new PackageItem(l.Id, l.Title, (JsonObject)JsonNode.Parse(l.LeafData)!, l.Sha256, l.FileName, l.Open, l.LeafData, leaf.LeafIndex, proof, l.LeafKey));
        }

        var now = clock.GetUtcNow();
        var package = new EvidencePackage(title, reference, caller.DisplayName, now, head!.ToSigned(), key.PublicKey, packageItems);
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

        return new ExportedPackage(path, $"{fileLabel}-{ChinaTime.Format(now).Replace(':', '-').Replace(' ', '_')}.{extension}",
            packageFormat == PackageFormat.Iso ? "application/x-iso9660-image" : "application/zip");
    }
}
