using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tianmu.Evidence.Export;

/// <summary>One check of a verification: what was checked (清单, 签名树头, 证据 X…) and, when it failed, why.</summary>
/// <remarks>
/// <para>ItemId: The evidence item the check is about, if any.</para>
/// </remarks>
public sealed record PackageCheck(string Subject, string? ItemId, string? Problem)
{
    public bool Passed => Problem is null;
}

public sealed record PackageReport(PackageManifest? Manifest, IReadOnlyList<PackageCheck> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    public PackageCheck? FirstFailure => Checks.FirstOrDefault(c => !c.Passed);
}

/// <summary>
/// Re-checks an exported disc (a directory, ZIP or ISO image) with no server and no database: the
/// tree-head signature, then per item the original's SHA-256, its leaf data, leaf hash and inclusion
/// proof, and last that verify.html carries the same manifest. The same checks as verify.html.
/// </summary>
public static class PackageVerifier
{
    public static async Task<PackageReport> VerifyAsync(string path, string? expectedFingerprint, CancellationToken ct)
    {
        if (Directory.Exists(path))
        {
            return await VerifyDirectoryAsync(path, expectedFingerprint, ct);
        }

        if (!File.Exists(path))
        {
            return Failed("导出包", $"找不到 {path}。");
        }

        using var temp = new TempDirectory("tianmu-verify");
        try
        {
            if (IsoImage.LooksLikeIso(path))
            {
                await IsoImage.ExtractAsync(path, temp.Path, ct);
            }
            else
            {
                await ZipFile.ExtractToDirectoryAsync(path, temp.Path, overwriteFiles: false, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or PackageExportException)
        {
            return Failed("导出包", $"无法读取 {Path.GetFileName(path)}（既不是可读的 ISO 映像也不是 ZIP 文件）：{e.Message}");
        }

        return await VerifyDirectoryAsync(temp.Path, expectedFingerprint, ct);
    }

    public static async Task<PackageReport> VerifyDirectoryAsync(string root, string? expectedFingerprint, CancellationToken ct)
    {
        var manifestPath = Path.Combine(root, PackageManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return Failed("清单", "缺少 manifest.json（请指定光盘根目录）。");
        }

        var manifestText = await File.ReadAllTextAsync(manifestPath, Encoding.UTF8, ct);
        PackageManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackageManifest>(manifestText, PackageManifest.Json);
        }
        catch (JsonException e)
        {
            return Failed("清单", $"manifest.json 无法解析：{e.Message}");
        }

        if (manifest is null || manifest.Format != PackageManifest.FormatVersion)
        {
            return Failed("清单", $"manifest.json 不是 {PackageManifest.FormatVersion} 格式。");
        }

        List<PackageCheck> checks =
        [
            new("签名树头", null, PackageChecks.TreeHead(manifest, expectedFingerprint)),
        ];
        foreach (var item in manifest.Items)
        {
            var problem = PackageChecks.Item(manifest, item)
                ?? PackageChecks.Original(item, await HashFileAsync(root, item.File, ct));
            checks.Add(new($"证据 {item.Id}（{item.Title}）", item.Id, problem));
        }

        checks.Add(new(VerifierPage.FileName, null, await CheckPageAsync(root, manifestText, ct)));
        return new PackageReport(manifest, checks);
    }

    private static async Task<string?> CheckPageAsync(string root, string manifestText, CancellationToken ct)
    {
        var page = Path.Combine(root, VerifierPage.FileName);
        if (!File.Exists(page))
        {
            return "缺少核验页面 verify.html。";
        }

        var embedded = VerifierPage.EmbeddedManifest(await File.ReadAllTextAsync(page, Encoding.UTF8, ct));
        try
        {
            return embedded is not null && JsonNode.DeepEquals(JsonNode.Parse(embedded), JsonNode.Parse(manifestText))
                ? null
                : "verify.html 内嵌的清单与 manifest.json 不一致。";
        }
        catch (JsonException)
        {
            return "verify.html 内嵌的清单无法解析。";
        }
    }

    /// <summary>The file's SHA-256, or null when it is missing (paths were checked against objects/{hash}.ext before).</summary>
    private static async Task<string?> HashFileAsync(string root, string relative, CancellationToken ct)
    {
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    private static PackageReport Failed(string subject, string problem) => new(null, [new PackageCheck(subject, null, problem)]);
}
