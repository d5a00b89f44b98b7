using System.ComponentModel;
using System.Diagnostics;

namespace Tianmu.Evidence.Export;

/// <summary>
/// ISO 9660 images through the Debian tools: xorriso (preferred; its mkisofs emulation) or genisoimage
/// to make one, xorriso's osirrox to read one back. Rock Ridge keeps the names on Unix, Joliet with long
/// names on Windows (objects/{sha256}.ext is 70 characters, over plain Joliet's 64).
/// </summary>
public static class IsoImage
{
    public static async Task CreateAsync(string sourceDir, string isoPath, string volumeId, CancellationToken ct)
    {
        string tool;
        string[] prefix;
        if (Find("xorriso") is { } xorriso)
        {
            (tool, prefix) = (xorriso, ["-as", "mkisofs"]);
        }
        else if ((Find("genisoimage") ?? Find("mkisofs")) is { } genisoimage)
        {
            (tool, prefix) = (genisoimage, []);
        }
        else
        {
            throw new PackageExportException("制作 ISO 映像需要 xorriso 或 genisoimage（apt-get install xorriso）。");
        }

        await RunAsync(tool, [.. prefix, "-quiet", "-iso-level", "3", "-r", "-J", "-joliet-long", "-input-charset", "utf-8", "-V", volumeId, "-o", isoPath, sourceDir], ct);
    }

    public static async Task ExtractAsync(string isoPath, string targetDir, CancellationToken ct)
    {
        var xorriso = Find("xorriso") ?? throw new PackageExportException("读取 ISO 映像需要 xorriso（apt-get install xorriso）。");
        await RunAsync(xorriso, ["-osirrox", "on", "-indev", isoPath, "-extract", "/", targetDir], ct);
    }

    /// <summary>True when the file starts like an ISO 9660 image (volume descriptor "CD001" at sector 16).</summary>
    public static bool LooksLikeIso(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 0x8006)
        {
            return false;
        }

        file.Position = 0x8001;
        Span<byte> magic = stackalloc byte[5];
        file.ReadExactly(magic);
        return magic.SequenceEqual("CD001"u8);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new PackageExportException($"无法运行 {tool}。", e);
        }

        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        var stderr = await errors;
        if (process.ExitCode != 0)
        {
            throw new PackageExportException($"{Path.GetFileName(tool)} 失败（退出码 {process.ExitCode}）：{stderr.Trim()}");
        }
    }
}
