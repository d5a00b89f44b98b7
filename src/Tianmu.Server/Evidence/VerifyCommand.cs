using Tianmu.Evidence.Export;

namespace Tianmu.Server.Evidence;

/// <summary>
/// `Tianmu.Server verify &lt;dir|zip|iso&gt; [--key-fingerprint HEX]`: checks an exported evidence disc
/// without starting the server or touching a database, prints a Chinese report naming the first failure,
/// and exits 0 only when everything holds (1 when a check fails, 2 on wrong usage).
/// </summary>
public static class VerifyCommand
{
    public const string Name = "verify";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        string? path = null;
        string? fingerprint = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--key-fingerprint" && i + 1 < args.Count)
            {
                fingerprint = args[++i];
            }
            else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                path = args[i];
            }
            else
            {
                path = null;
                break;
            }
        }

        if (path is null)
        {
            await output.WriteLineAsync("用法：Tianmu.Server verify <光盘目录、ZIP 文件或 ISO 映像> [--key-fingerprint <公钥指纹>]");
            return 2;
        }

        var report = await PackageVerifier.VerifyAsync(path, fingerprint, ct);
        await output.WriteLineAsync($"天目 证据光盘核验：{path}");
        if (report.Manifest is { } m)
        {
            await output.WriteLineAsync($"{m.Title}（{m.CaseReference}），{m.Items.Count} 件证据，算法 {m.HashAlgorithm}/{m.SignatureAlgorithm}，树头规模 {m.TreeHead.Size}");
            await output.WriteLineAsync($"公钥 {m.PublicKey.KeyId}，指纹 {m.PublicKey.Fingerprint}{(fingerprint is null ? "（请与发证机关公布的指纹比对，或用 --key-fingerprint 指定）" : "")}");
        }

        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync(check.Passed ? $"[通过]   {check.Subject}" : $"[未通过] {check.Subject}：{check.Problem}");
        }

        if (report.FirstFailure is { } first)
        {
            await output.WriteLineAsync($"结论：核验未通过。第一个未通过的是：{first.Subject}：{first.Problem}");
            return 1;
        }

        await output.WriteLineAsync($"结论：核验通过，{report.Manifest!.Items.Count} 件证据的原件、包含证明和树头签名全部相符。");
        return 0;
    }
}
