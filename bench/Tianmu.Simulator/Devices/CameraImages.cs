using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>
/// The camera's snapshots, drawn once by ffmpeg at start: a few shots of one textured scene (ffmpeg's
/// mandelbrot source) each with its own sensor noise, and a few with the lens covered (nearly black).
/// Each shot then gets the event id as a JPEG comment, as boxes stamp their shots, so every event has
/// its own original without running ffmpeg again. The scene is the same on every start, so a baseline
/// the server kept from an earlier run still matches.
/// </summary>
public sealed class CameraImages
{
    private const int Variants = 4;

    private readonly byte[][] views;
    private readonly byte[][] covered;

    private CameraImages(byte[][] views, byte[][] covered)
    {
        this.views = views;
        this.covered = covered;
    }

    /// <summary>Draws the shots; null (after one log line) when ffmpeg is missing or fails.</summary>
    public static async Task<CameraImages?> DrawAsync(Action<string> log, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("tianmu-sim-camera-").FullName;
        try
        {
            var outputs = Enumerable.Range(0, Variants).Select(i => ($"view{i}", $"noise=alls=12:allf=t+u:all_seed={i + 1}"))
                .Concat(Enumerable.Range(0, Variants).Select(i => ($"covered{i}", $"eq=brightness=-0.9,noise=alls=4:allf=t+u:all_seed={i + 11}"))).ToList();
            var graph = $"[0:v]split={outputs.Count}{string.Concat(outputs.Select(o => $"[{o.Item1}]"))};"
                + string.Join(';', outputs.Select(o => $"[{o.Item1}]{o.Item2}[{o.Item1}_out]"));
            var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "mandelbrot=size=640x480:rate=1", "-filter_complex", graph };
            foreach (var (name, _) in outputs)
            {
                args.AddRange(["-map", $"[{name}_out]", "-frames:v", "1", "-q:v", "4", Path.Combine(dir, name + ".jpg")]);
            }

            if (await RunAsync(args, ct) is { } error)
            {
                log($"ffmpeg 无法生成抓拍图片，不模拟摄像头：{error}");
                return null;
            }

            byte[][] Read(string prefix) => [.. Enumerable.Range(0, Variants).Select(i => File.ReadAllBytes(Path.Combine(dir, $"{prefix}{i}.jpg")))];
            return new CameraImages(Read("view"), Read("covered"));
        }
        catch (Win32Exception)
        {
            log("未找到 ffmpeg，不模拟摄像头（安装 ffmpeg 后重启模拟器即可）。");
            return null;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The JPEG of a shot: the scene, or the covered lens, with the event id in a comment segment.</summary>
    public byte[] Of(Shot shot)
    {
        var variants = shot.Covered ? covered : views;
        var jpeg = variants[Math.Min(Variants - 1, (int)((Noise.At("camera/variant", shot.Time) + 1) / 2 * Variants))];
        var text = Encoding.ASCII.GetBytes($"Tianmu simulator {shot.Id}");
        var length = text.Length + 2;
        // SOI, then a COM segment (FF FE, big-endian length including itself), then the rest of the file.
        return [.. jpeg[..2], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. text, .. jpeg[2..]];
    }

    private static async Task<string?> RunAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? null : stderr.Trim();
    }
}
