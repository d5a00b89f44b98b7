using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tianmu.Evidence.Export;
using Tianmu.Evidence.Log;

namespace Tianmu.Tests.Evidence.Export;

/// <summary>A modified disc fails verification, and the report names the first item or part that fails.</summary>
public sealed class PackageTamperTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tianmu-tamper-test").FullName;

    private string Root => Path.Combine(dir, "disc");

    [Fact]
    public async Task AFlippedByteInAnOriginalNamesThatItem()
    {
        var package = await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4));
        FlipByte(Path.Combine(Root, "objects", package.Items[1].Sha256 + ".jpg"), 10);

        var report = await VerifyAsync();

        Assert.False(report.Passed);
        Assert.Equal("E2", report.FirstFailure!.ItemId);
        Assert.StartsWith("原件 SHA-256 与清单不符", report.FirstFailure.Problem, StringComparison.Ordinal);
        Assert.Equal(["E1", "E3"], report.Checks.Where(c => c.ItemId is not null && c.Passed).Select(c => c.ItemId));
    }

    [Fact]
    public async Task AnEditedProofEntryNamesThatItem()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 5, 0, 2, 4));
        EditManifest(m =>
        {
            var proof = m["items"]![2]!["inclusion_proof"]!.AsArray();
            var entry = proof[0]!.GetValue<string>();
            proof[0] = (entry[0] == '0' ? "1" : "0") + entry[1..];
        });

        var report = await VerifyAsync();

        Assert.Equal("E3", report.FirstFailure!.ItemId);
        Assert.StartsWith("包含证明不成立", report.FirstFailure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedRootFailsTheTreeHeadSignatureFirst()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4));
        var otherRoot = Convert.ToHexStringLower(LogHasher.Sha256.Hash("another tree"u8));
        EditManifest(m => m["tree_head"]!["root_hash"] = otherRoot);

        var report = await VerifyAsync();

        Assert.Equal("签名树头", report.FirstFailure!.Subject);
        Assert.StartsWith("树头签名无效", report.FirstFailure.Problem, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.ItemId is not null), c => Assert.StartsWith("包含证明不成立", c.Problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sm3")]
    public async Task ASignatureByAnotherKeyFails(string suite)
    {
        var (hasher, key, otherKey) = suite == "sha256"
            ? (LogHasher.Sha256, TestLogKey.Ecdsa(), TestLogKey.Ecdsa())
            : (LogHasher.Sm3, TestLogKey.Sm2(), TestLogKey.Sm2());
        var package = await ExportAsync(TestPackages.Build(hasher, key, 3, 0, 1, 2));
        var forged = otherKey.Sign(package.TreeHead.Head.SigningMessage());
        EditManifest(m => m["tree_head"]!["signature"] = Convert.ToBase64String(forged));

        var report = await VerifyAsync();

        Assert.Equal("签名树头", report.FirstFailure!.Subject);
        Assert.StartsWith("树头签名无效", report.FirstFailure.Problem, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.ItemId is not null), c => Assert.True(c.Passed));
    }

    [Fact]
    public async Task AKeySwappedTogetherWithItsSignatureFailsOnlyAgainstThePublishedFingerprint()
    {
        var package = await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 2, 0, 1));
        var published = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package.PublicKeySpki));
        var impostor = TestLogKey.Ecdsa();
        EditManifest(m =>
        {
            m["tree_head"]!["signature"] = Convert.ToBase64String(impostor.Sign(package.TreeHead.Head.SigningMessage()));
            m["public_key"]!["spki"] = Convert.ToBase64String(impostor.Spki);
            m["public_key"]!["fingerprint"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(impostor.Spki));
        });

        Assert.Equal("verify.html", (await VerifyAsync()).FirstFailure!.Subject); // self-consistent, but the page still holds the original
        var pinned = await PackageVerifier.VerifyAsync(Root, published, CancellationToken.None);
        Assert.Equal("签名树头", pinned.FirstFailure!.Subject);
        Assert.Contains("不是所要求的", pinned.FirstFailure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwappedLeafDataNoLongerNamesTheOriginal()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4));
        EditManifest(m =>
        {
            // Item 1 now claims item 2's leaf (whose proof is valid for index 2): the leaf names another original.
            var items = m["items"]!.AsArray();
            foreach (var field in new[] { "leaf_data", "leaf_hash", "leaf_index", "inclusion_proof" })
            {
                items[0]![field] = items[1]![field]!.DeepClone();
            }
        });

        var report = await VerifyAsync();

        Assert.Equal("E1", report.FirstFailure!.ItemId);
        Assert.StartsWith("日志叶子数据未载明该原件的 SHA-256", report.FirstFailure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElementsEditedInTheManifestDisagreeWithTheLeaf()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 3, 2));
        EditManifest(m => m["items"]![0]!["elements"]!["place"] = "青岛市市南区");

        var report = await VerifyAsync();

        Assert.Equal("E1", report.FirstFailure!.ItemId);
        Assert.StartsWith("清单中的证据要素与日志叶子数据中的不一致", report.FirstFailure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOriginalAndABrokenManifestAreNamed()
    {
        var package = await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 2, 0, 1));
        File.Delete(Path.Combine(Root, "objects", package.Items[0].Sha256 + ".jpg"));
        var report = await VerifyAsync();
        Assert.Equal("E1", report.FirstFailure!.ItemId);
        Assert.StartsWith("找不到原件文件", report.FirstFailure.Problem, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(Root, "manifest.json"), "{ \"format\": ");
        var broken = await VerifyAsync();
        Assert.Equal("清单", broken.FirstFailure!.Subject);
        Assert.False(broken.Passed);
    }

    [Fact]
    public async Task AModifiedIsoImageNamesTheItem()
    {
        var package = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 4, 1, 3);
        var iso = Path.Combine(dir, "disc.iso");
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Iso, iso, CancellationToken.None);
        var image = await File.ReadAllBytesAsync(iso);
        var at = image.AsSpan().IndexOf("ORIGINAL-2-"u8);
        Assert.True(at > 0);
        image[at + "ORIGINAL-2-".Length] ^= 0x01;
        await File.WriteAllBytesAsync(iso, image);

        var report = await PackageVerifier.VerifyAsync(iso, null, CancellationToken.None);

        Assert.Equal("E2", report.FirstFailure!.ItemId);
        Assert.StartsWith("原件 SHA-256 与清单不符", report.FirstFailure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModifiedZipNamesTheItem()
    {
        var package = TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 2, 0, 1);
        var zip = Path.Combine(dir, "disc.zip");
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Zip, zip, CancellationToken.None);
        await using (var archive = await ZipArchive.CreateAsync(File.Open(zip, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null))
        {
            var entry = archive.GetEntry("objects/" + package.Items[0].Sha256 + ".jpg")!;
            await using var stream = await entry.OpenAsync();
            stream.Position = 5;
            stream.WriteByte((byte)'#');
        }

        var report = await PackageVerifier.VerifyAsync(zip, null, CancellationToken.None);

        Assert.Equal("E1", report.FirstFailure!.ItemId);
    }

    [Fact]
    public async Task NeitherAZipNorAnImageIsReportedNotThrown()
    {
        var junk = Path.Combine(dir, "junk.bin");
        await File.WriteAllTextAsync(junk, "not a disc");

        var report = await PackageVerifier.VerifyAsync(junk, null, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Equal("导出包", report.FirstFailure!.Subject);
    }

    [Fact]
    public async Task TheWriterRefusesAPackageThatWouldNotVerify()
    {
        var good = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 3, 0, 2);

        var wrongKey = good with { PublicKeySpki = TestLogKey.Ecdsa().Spki };
        var e1 = await Assert.ThrowsAsync<PackageExportException>(() => PackageWriter.WriteToPathAsync(wrongKey, PackageFormat.Directory, Path.Combine(dir, "a"), CancellationToken.None));
        Assert.Contains("签名树头", e1.Message, StringComparison.Ordinal);

        var unnamed = good with { Items = [good.Items[0] with { LeafData = Encoding.UTF8.GetBytes("{\"kind\":\"evidence\"}") }, good.Items[1]] };
        var e2 = await Assert.ThrowsAsync<PackageExportException>(() => PackageWriter.WriteToPathAsync(unnamed, PackageFormat.Directory, Path.Combine(dir, "b"), CancellationToken.None));
        Assert.Contains("证据 E1", e2.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "b", "objects"))); // refused before writing anything

        var changed = good with { Items = [good.Items[0], good.Items[1] with { OpenContent = _ => Task.FromResult<Stream>(new MemoryStream("tampered"u8.ToArray())) }] };
        var e3 = await Assert.ThrowsAsync<PackageExportException>(() => PackageWriter.WriteToPathAsync(changed, PackageFormat.Directory, Path.Combine(dir, "c"), CancellationToken.None));
        Assert.Contains("证据 E2", e3.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "c"))); // E1 was written already; the half disc is removed

        var zip = Path.Combine(dir, "c.zip");
        await Assert.ThrowsAsync<PackageExportException>(() => PackageWriter.WriteToPathAsync(changed, PackageFormat.Zip, zip, CancellationToken.None));
        Assert.False(File.Exists(zip));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private async Task<EvidencePackage> ExportAsync(EvidencePackage package)
    {
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Directory, Root, CancellationToken.None);
        Assert.True((await VerifyAsync()).Passed); // intact before the change under test
        return package;
    }

    private Task<PackageReport> VerifyAsync() => PackageVerifier.VerifyAsync(Root, null, CancellationToken.None);

    private void EditManifest(Action<JsonNode> edit)
    {
        var path = Path.Combine(Root, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    private static void FlipByte(string path, int at)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[at] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
