using Tianmu.Evidence.Export;
using Tianmu.Evidence.Log;
using Tianmu.Server.Evidence;
using Tianmu.Tests.Evidence.Export;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>`Tianmu.Server verify`: a Chinese report, the first failing item named, the exit code as the verdict.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tianmu-verify-command").FullName;

    [Fact]
    public async Task AnIntactImageExitsZeroAndAModifiedOneNamesTheItem()
    {
        var package = TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4);
        var iso = Path.Combine(dir, "disc.iso");
        var manifest = await PackageWriter.WriteToPathAsync(package, PackageFormat.Iso, iso, CancellationToken.None);

        var (code, output) = await RunAsync(iso, "--key-fingerprint", manifest.PublicKey.Fingerprint);
        Assert.Equal(0, code);
        Assert.Contains("[通过]   证据 E3（现场照片3）", output, StringComparison.Ordinal);
        Assert.Contains("结论：核验通过，3 件证据", output, StringComparison.Ordinal);

        var image = await File.ReadAllBytesAsync(iso);
        image[image.AsSpan().IndexOf("ORIGINAL-3-"u8) + 12] ^= 0x20;
        await File.WriteAllBytesAsync(iso, image);

        (code, output) = await RunAsync(iso);
        Assert.Equal(1, code);
        Assert.Contains("第一个未通过的是：证据 E3（现场照片3）：原件 SHA-256 与清单不符", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongFingerprintOrAMissingPathIsNotAPass()
    {
        var root = Path.Combine(dir, "disc");
        await PackageWriter.WriteToPathAsync(TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 2, 1), PackageFormat.Directory, root, CancellationToken.None);

        var (code, output) = await RunAsync(root, "--key-fingerprint", new string('0', 64));
        Assert.Equal(1, code);
        Assert.Contains("第一个未通过的是：签名树头", output, StringComparison.Ordinal);

        Assert.Equal(1, (await RunAsync(Path.Combine(dir, "nowhere"))).Code);
        Assert.Equal(2, (await RunAsync()).Code);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await VerifyCommand.RunAsync(args, output, CancellationToken.None);
        return (code, output.ToString());
    }
}
