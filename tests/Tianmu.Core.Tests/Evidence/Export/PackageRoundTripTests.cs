using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Tianmu.Evidence.Export;
using Tianmu.Evidence.Log;

namespace Tianmu.Tests.Evidence.Export;

/// <summary>Export → verify for every format and both algorithm suites (S17 刻录光盘).</summary>
public sealed class PackageRoundTripTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tianmu-export-test").FullName;

    public static TheoryData<PackageFormat, string> Formats => new()
    {
        { PackageFormat.Directory, "sha256" },
        { PackageFormat.Zip, "sha256" },
        { PackageFormat.Iso, "sha256" },
        { PackageFormat.Directory, "sm3" },
        { PackageFormat.Zip, "sm3" },
        { PackageFormat.Iso, "sm3" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnExportedPackageVerifies(PackageFormat format, string suite)
    {
        var package = suite == "sha256"
            ? TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4)
            : TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 5, 0, 1, 2, 3, 4);
        var target = Path.Combine(dir, "disc" + format switch { PackageFormat.Zip => ".zip", PackageFormat.Iso => ".iso", _ => "" });

        var written = await PackageWriter.WriteToPathAsync(package, format, target, CancellationToken.None);
        var report = await PackageVerifier.VerifyAsync(target, written.PublicKey.Fingerprint, CancellationToken.None);

        Assert.True(report.Passed, report.FirstFailure?.ToString());
        Assert.Equal(package.Items.Select(i => i.Id), report.Checks.Where(c => c.ItemId is not null).Select(c => c.ItemId));
        Assert.Equal(["签名树头", .. package.Items.Select(i => $"证据 {i.Id}（{i.Title}）"), "verify.html"], report.Checks.Select(c => c.Subject));
        Assert.Equal(suite, report.Manifest!.HashAlgorithm);
        Assert.All(report.Manifest.Items, i => Assert.True(i.Size > 100));
    }

    [Fact]
    public async Task TheDiscHoldsOriginalsManifestPageAndReadme()
    {
        var package = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 3, 1);
        var root = Path.Combine(dir, "disc");
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Directory, root, CancellationToken.None);

        var item = package.Items[0];
        Assert.Equal(
            ["README.txt", "manifest.json", $"objects/{item.Sha256}.jpg", "verify.html"],
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal));
        Assert.Equal(await TestPackages.OriginalAsync(item), await File.ReadAllBytesAsync(Path.Combine(root, "objects", item.Sha256 + ".jpg")));

        // Field order is part of the format: readers and people diffing two discs rely on it.
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(root, "manifest.json")));
        Assert.Equal(
            ["format", "title", "case_reference", "exporter", "exported_at", "hash_algorithm", "signature_algorithm", "tree_head", "public_key", "items"],
            manifest.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["id", "title", "elements", "file", "size", "sha256", "leaf_index", "leaf_data", "leaf_hash", "inclusion_proof"],
            manifest.RootElement.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("tianmu-evidence-package/1", manifest.RootElement.GetProperty("format").GetString());
        Assert.Equal("济南市历下区泉城路 1 号", manifest.RootElement.GetProperty("items")[0].GetProperty("elements").GetProperty("place").GetString());

        var readme = await File.ReadAllBytesAsync(Path.Combine(root, "README.txt"));
        Assert.Equal(Encoding.UTF8.GetPreamble(), readme[..3]);
        var text = Encoding.UTF8.GetString(readme[3..]);
        Assert.Contains("verify.html", text, StringComparison.Ordinal);
        Assert.Contains("verify <光盘目录、ZIP 文件或 ISO 映像>", text, StringComparison.Ordinal);
        Assert.Contains(manifest.RootElement.GetProperty("public_key").GetProperty("fingerprint").GetString()!, text, StringComparison.Ordinal);

        var page = await File.ReadAllTextAsync(Path.Combine(root, "verify.html"));
        Assert.DoesNotContain("/*TIANMU-MANIFEST*/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipWrittenToANonSeekableStreamVerifies()
    {
        var package = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 2, 0, 1);
        var zip = Path.Combine(dir, "download.zip");
        await using (var file = File.Create(zip))
        {
            await PackageWriter.WriteAsync(package, PackageFormat.Zip, new ForwardOnlyStream(file), CancellationToken.None);
        }

        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "objects/" + package.Items[1].Sha256 + ".jpg");
        }

        Assert.True((await PackageVerifier.VerifyAsync(zip, null, CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task ATitleThatLooksLikeMarkupCannotBreakOutOfThePage()
    {
        var package = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 1, 0) with { Title = "</script><script>alert(1)</script>" };
        var root = Path.Combine(dir, "disc");
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Directory, root, CancellationToken.None);

        var page = await File.ReadAllTextAsync(Path.Combine(root, "verify.html"));
        Assert.DoesNotContain("</script><script>alert", page, StringComparison.Ordinal);
        Assert.Contains("\\u003c/script>\\u003cscript>alert", page, StringComparison.Ordinal);
        Assert.True((await PackageVerifier.VerifyAsync(root, null, CancellationToken.None)).Passed); // the embedded copy still equals manifest.json
    }

    [Fact]
    public void TheTestTreeMatchesAHandComputedOneOfThreeLeaves()
    {
        var h = LogHasher.Sha256;
        byte[][] leaves = [h.HashLeaf("a"u8), h.HashLeaf("b"u8), h.HashLeaf("c"u8)];
        var root = h.HashChildren(h.HashChildren(leaves[0], leaves[1]), leaves[2]);

        Assert.Equal(root, TestPackages.Root(h, leaves));
        Assert.Equal([leaves[1], leaves[2]], TestPackages.Path(h, 0, leaves));
        Assert.Equal([h.HashChildren(leaves[0], leaves[1])], TestPackages.Path(h, 2, leaves));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Like an HTTP response body: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // Kestrel refuses synchronous writes to a response body; so does this stream.
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
