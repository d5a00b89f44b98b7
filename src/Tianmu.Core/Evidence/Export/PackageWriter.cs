using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Tianmu.Evidence.Log;

namespace Tianmu.Evidence.Export;

/// <summary>
/// Writes an evidence disc: objects/{sha256}.ext (the originals, each re-hashed on the way), manifest.json,
/// verify.html (the standalone verifier with the manifest inside) and README.txt. Nothing is written when
/// a proof or the tree-head signature does not hold, and an original whose bytes do not match its hash
/// stops the export: a disc that would not verify is never made.
/// </summary>
public static class PackageWriter
{
    /// <summary>
    /// Writes a ZIP or ISO image to the stream (e.g. a download's response body). Both are made in a
    /// scratch file first: xorriso needs a path, and ZipArchive writes each entry's trailer synchronously,
    /// which a response body refuses.
    /// </summary>
    public static async Task<PackageManifest> WriteAsync(EvidencePackage package, PackageFormat format, Stream output, CancellationToken ct)
    {
        if (format == PackageFormat.Directory)
        {
            throw new ArgumentException("目录格式只能写到路径，不能写到流。", nameof(format));
        }

        using var temp = new TempDirectory("tianmu-export");
        var image = Path.Combine(temp.Path, "disc");
        var manifest = await WriteToPathAsync(package, format, image, ct);
        await using var file = new FileStream(image, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await file.CopyToAsync(output, ct);
        return manifest;
    }

    /// <summary>
    /// Writes a directory (which must not exist yet or be empty), a ZIP file or an ISO image file at the
    /// path. On failure what was written is removed: a half-written disc must not pass for a whole one.
    /// </summary>
    public static async Task<PackageManifest> WriteToPathAsync(EvidencePackage package, PackageFormat format, string path, CancellationToken ct)
    {
        if (format == PackageFormat.Directory ? Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any() : Path.Exists(path))
        {
            throw new PackageExportException($"{path} 已存在，不覆盖。");
        }

        try
        {
            return await WriteNewAsync(package, format, path, ct);
        }
        catch
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            throw;
        }
    }

    private static async Task<PackageManifest> WriteNewAsync(EvidencePackage package, PackageFormat format, string path, CancellationToken ct)
    {
        switch (format)
        {
            case PackageFormat.Directory:
                Directory.CreateDirectory(path);
                return await WriteEntriesAsync(package, new DirectorySink(path), ct);

            case PackageFormat.Zip:
                {
                    await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
                    var archive = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
                    await using (archive)
                    {
                        return await WriteEntriesAsync(package, new ZipSink(archive), ct);
                    }
                }

            default:
                {
                    using var temp = new TempDirectory("tianmu-export");
                    var root = Path.Combine(temp.Path, "disc");
                    var manifest = await WriteNewAsync(package, PackageFormat.Directory, root, ct);
                    var volume = "TIANMU_" + package.ExportedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                    await IsoImage.CreateAsync(root, path, volume, ct);
                    return manifest;
                }
        }
    }

    /// <summary>The manifest of the package, before the originals are read (sizes still 0).</summary>
    public static PackageManifest BuildManifest(EvidencePackage package)
    {
        var head = package.TreeHead;
        var hasher = LogHasher.For(head.Head.HashAlgorithm);
        var items = package.Items.Select(i => new ManifestItem(
            i.Id,
            i.Title,
            i.Elements.DeepClone().AsObject(),
            $"objects/{i.Sha256}{Extension(i.FileName)}",
            0,
            i.Sha256,
            i.LeafIndex,
            Convert.ToBase64String(i.LeafData),
            Convert.ToHexStringLower(hasher.HashLeaf(i.LeafData)),
            [.. i.InclusionProof.Select(Convert.ToHexStringLower)],
            i.LeafKey)).ToList();
        return new PackageManifest(
            PackageManifest.FormatVersion,
            package.Title,
            package.CaseReference,
            package.Exporter,
            package.ExportedAt.ToUniversalTime(),
            hasher.Name,
            LogSignatures.Name(head.SignatureAlgorithm),
            new ManifestTreeHead(head.Head.Size, Convert.ToHexStringLower(head.Head.RootHash), head.Head.Timestamp.ToUnixTimeMilliseconds(), Convert.ToBase64String(head.Signature)),
            new ManifestKey(head.KeyId, Convert.ToBase64String(package.PublicKeySpki), Convert.ToHexStringLower(SHA256.HashData(package.PublicKeySpki))),
            items);
    }

    private static async Task<PackageManifest> WriteEntriesAsync(EvidencePackage package, IPackageSink sink, CancellationToken ct)
    {
        var manifest = BuildManifest(package);
        if (PackageChecks.TreeHead(manifest, expectedFingerprint: null) is { } headProblem)
        {
            throw new PackageExportException($"导出前校验失败：签名树头：{headProblem}");
        }

        foreach (var item in manifest.Items)
        {
            if (PackageChecks.Item(manifest, item) is { } itemProblem)
            {
                throw new PackageExportException($"导出前校验失败：证据 {item.Id}（{item.Title}）：{itemProblem}");
            }
        }

        var sizes = new Dictionary<string, long>();
        foreach (var item in package.Items)
        {
            if (!sizes.ContainsKey(item.Sha256))
            {
                sizes[item.Sha256] = await CopyOriginalAsync(item, sink, manifest.Items.First(m => m.Sha256 == item.Sha256).File, ct);
            }
        }

        manifest = manifest with { Items = [.. manifest.Items.Select(i => i with { Size = sizes[i.Sha256] })] };
        var json = manifest.ToUtf8();
        await WriteAsync(sink, PackageManifest.FileName, json, ct);
        await WriteAsync(sink, VerifierPage.FileName, VerifierPage.Render(json), ct);
        await WriteAsync(sink, PackageReadme.FileName, PackageReadme.Render(manifest), ct);
        return manifest;
    }

    private static async Task<long> CopyOriginalAsync(PackageItem item, IPackageSink sink, string path, CancellationToken ct)
    {
        await using var content = await item.OpenContent(ct);
        await using var target = await sink.CreateAsync(path, Compressible(path), ct);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }

        var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        return actual == item.Sha256
            ? size
            : throw new PackageExportException($"导出中止：证据 {item.Id}（{item.Title}）的原件内容与其 SHA-256 不符。");
    }

    private static async Task WriteAsync(IPackageSink sink, string path, byte[] bytes, CancellationToken ct)
    {
        await using var target = await sink.CreateAsync(path, compress: true, ct);
        await target.WriteAsync(bytes, ct);
    }

    /// <summary>The original's extension when it is a plain one (".jpg"), so the disc's files open with the right program.</summary>
    private static string Extension(string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext.Length is >= 2 and <= 9 && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : ".bin";
    }

    /// <summary>Photos, video and archives are compressed already; deflating them again only costs time.</summary>
    private static bool Compressible(string path) =>
        Path.GetExtension(path) is not (".jpg" or ".jpeg" or ".png" or ".mp4" or ".mov" or ".zip" or ".gz" or ".webp" or ".heic" or ".mp3" or ".m4a");

    private interface IPackageSink
    {
        Task<Stream> CreateAsync(string path, bool compress, CancellationToken ct);
    }

    private sealed class DirectorySink(string root) : IPackageSink
    {
        public Task<Stream> CreateAsync(string path, bool compress, CancellationToken ct)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return Task.FromResult<Stream>(new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous));
        }
    }

    private sealed class ZipSink(ZipArchive archive) : IPackageSink
    {
        public Task<Stream> CreateAsync(string path, bool compress, CancellationToken ct) =>
            archive.CreateEntry(path, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression).OpenAsync(ct);
    }
}
