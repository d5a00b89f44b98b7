using System.Diagnostics;
using System.Globalization;
using Tianmu.Evidence;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Checks a recording's continuity (Z14: 清晰、连续、稳定、完整) from the frame times ffprobe reports. The
/// clip is copied to a private temporary file (MP4 needs a seekable input) and ffprobe runs without a
/// shell, reading that file only. A clip ffprobe cannot read is reported as not checked, never as continuous.
/// </summary>
public sealed class VideoProbe(ILogger<VideoProbe> log)
{
    public const string FfprobePath = "/usr/bin/ffprobe";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<ContinuityReport> CheckAsync(byte[] clip, DateTimeOffset start, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tianmu-probe-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(file, clip, ct);
            var info = new ProcessStartInfo(FfprobePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-v", "error", "-protocol_whitelist", "file", "-select_streams", "v:0", "-show_entries", "packet=pts_time:format=duration", "-of", "default=nw=1", file })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("ffprobe did not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return ContinuityReport.NotChecked("video", "视频分析超时，未能检查连续性。");
            }

            if (process.ExitCode != 0)
            {
                log.LogInformation("ffprobe could not read a clip of {Bytes} bytes (exit {ExitCode})", clip.Length, process.ExitCode);
                await errors;
                return ContinuityReport.NotChecked("video", "无法解析该视频，未能检查连续性。");
            }

            var (frames, duration) = Parse(await output);
            return Continuity.Video(frames, start, duration);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.LogWarning(e, "Cannot run {Ffprobe}; install the Debian package ffmpeg", FfprobePath);
            return ContinuityReport.NotChecked("video", "服务器未安装 ffprobe，未能检查连续性。");
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static (List<double> Frames, double? Duration) Parse(string output)
    {
        var frames = new List<double>();
        double? duration = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !double.TryParse(line[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (line.StartsWith("pts_time", StringComparison.Ordinal))
            {
                frames.Add(value);
            }
            else if (line.StartsWith("duration", StringComparison.Ordinal))
            {
                duration = value;
            }
        }

        return (frames, duration);
    }
}
