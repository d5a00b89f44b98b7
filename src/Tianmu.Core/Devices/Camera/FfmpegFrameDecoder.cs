using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Common;

namespace Tianmu.Devices.Camera;

/// <summary>Limits of <see cref="FfmpegFrameDecoder"/>; the defaults suit snapshots from edge AI boxes.</summary>
public sealed record FrameDecoderOptions
{
    /// <summary>The ffmpeg executable (Debian package <c>ffmpeg</c>).</summary>
    public string FfmpegPath { get; init; } = "/usr/bin/ffmpeg";

    /// <summary>Size of the decoded frame. 160×120 keeps enough detail to see blur yet costs a few milliseconds to assess.</summary>
    public int Width { get; init; } = 160;

    public int Height { get; init; } = 120;

    /// <summary>Larger uploads are refused before ffmpeg runs; a 4K JPEG is a few MB.</summary>
    public int MaxInputBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Refuses pictures that claim more pixels than this (decompression bombs), about 8K × 6K.</summary>
    public long MaxPixels { get; init; } = 50_000_000;

    /// <summary>A snapshot decodes in well under a second; one that takes longer is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many ffmpeg processes at once, so a burst of uploads cannot starve the server.</summary>
    public int MaxConcurrent { get; init; } = Math.Max(1, Environment.ProcessorCount);
}

/// <summary>
/// Turns a JPEG or PNG snapshot into a <see cref="GreyFrame"/> by piping it through ffmpeg, which
/// decodes, scales and converts to grey in one step. The image comes from a device on the network, so
/// it is untrusted: ffmpeg runs without a shell, may only read its stdin (no files, no URLs), may only
/// use the image demuxer, is refused oversized pictures, runs one thread and is killed after
/// <see cref="FrameDecoderOptions.Timeout"/>. A picture it cannot decode is an <see cref="Error"/>, never an exception.
/// </summary>
public sealed class FfmpegFrameDecoder(FrameDecoderOptions options, ILogger<FfmpegFrameDecoder>? logger = null) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.MaxConcurrent, options.MaxConcurrent);
    private readonly ILogger log = logger ?? NullLogger<FfmpegFrameDecoder>.Instance;

    public FfmpegFrameDecoder()
        : this(new FrameDecoderOptions())
    {
    }

    public static Error Undecodable { get; } =
        Error.Unprocessable("snapshot_undecodable", "抓拍图片无法解码，请上传有效的 JPEG 或 PNG 图片。");

    public static Error TooLarge { get; } =
        Error.Unprocessable("snapshot_too_large", "抓拍图片过大，无法处理。");

    public static Error TimedOut { get; } =
        Error.Unprocessable("snapshot_decode_timeout", "抓拍图片解码超时，无法处理。");

    public async Task<Result<GreyFrame>> DecodeAsync(Stream image, CancellationToken ct)
    {
        // Read at most one byte past the limit: enough to know the upload is too large.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await image.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxInputBytes)
            {
                return TooLarge;
            }
        }

        return await DecodeAsync(buffer.ToArray(), ct);
    }

    public async Task<Result<GreyFrame>> DecodeAsync(ReadOnlyMemory<byte> image, CancellationToken ct)
    {
        if (image.Length > options.MaxInputBytes)
        {
            return TooLarge;
        }

        if (image.IsEmpty)
        {
            return Undecodable;
        }

        await slots.WaitAsync(ct);
        try
        {
            return await RunAsync(image, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<Result<GreyFrame>> RunAsync(ReadOnlyMemory<byte> image, CancellationToken ct)
    {
        using var process = new Process { StartInfo = StartInfo() };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            // A server without ffmpeg is misconfigured, not a bad upload: fail loudly.
            throw new InvalidOperationException($"Cannot run {options.FfmpegPath}; install the Debian package ffmpeg.", e);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Timeout);
        var expected = options.Width * options.Height;
        var writing = WriteInputAsync(process, image, deadline.Token);
        var errors = ReadErrorsAsync(process, deadline.Token);
        try
        {
            var output = await ReadOutputAsync(process.StandardOutput.BaseStream, expected, deadline.Token);
            if (output is null)
            {
                Kill(process); // it may still be writing; nothing it says now can be a frame
            }

            await process.WaitForExitAsync(deadline.Token);
            await writing;
            var stderr = await errors;
            if (process.ExitCode != 0 || output is null)
            {
                log.LogInformation("ffmpeg could not decode a snapshot of {Bytes} bytes (exit {ExitCode}): {Error}", image.Length, process.ExitCode, stderr);
                return Undecodable;
            }

            return new GreyFrame(options.Width, options.Height, output);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            ct.ThrowIfCancellationRequested();
            log.LogWarning("ffmpeg took longer than {Timeout} to decode a snapshot of {Bytes} bytes", options.Timeout, image.Length);
            return TimedOut;
        }
        finally
        {
            Kill(process);
            await Task.WhenAll(writing, errors).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(options.FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-threads", "1",
            // Input: only stdin, only still-image formats, no picture larger than MaxPixels.
            "-protocol_whitelist", "pipe", "-f", "image2pipe", "-max_pixels", options.MaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", "pipe:0",
            // Output: the first picture, area-averaged down to the frame size, 8-bit grey, raw bytes.
            "-frames:v", "1", "-vf", $"scale={options.Width}:{options.Height}:flags=area,format=gray",
            "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte> image, CancellationToken ct)
    {
        var stdin = process.StandardInput.BaseStream;
        try
        {
            await stdin.WriteAsync(image, ct);
            await stdin.FlushAsync(ct);
        }
        catch (IOException)
        {
            // ffmpeg stops reading once it has rejected the input (broken pipe); its exit code tells why.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Same broken pipe, reported again on close.
            }
        }
    }

    /// <summary>Exactly <paramref name="expected"/> bytes, or null if ffmpeg wrote fewer or more.</summary>
    private static async Task<byte[]?> ReadOutputAsync(Stream stdout, int expected, CancellationToken ct)
    {
        var frame = new byte[expected];
        var filled = 0;
        int read;
        while (filled < expected && (read = await stdout.ReadAsync(frame.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        var extra = new byte[1];
        return filled == expected && await stdout.ReadAsync(extra, ct) == 0 ? frame : null;
    }

    /// <summary>The first few lines ffmpeg writes to stderr, for the log; the rest is drained and dropped.</summary>
    private static async Task<string> ReadErrorsAsync(Process process, CancellationToken ct)
    {
        const int Keep = 1000;
        var text = new System.Text.StringBuilder();
        var buffer = new char[1024];
        int read;
        while ((read = await process.StandardError.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            if (text.Length < Keep)
            {
                text.Append(buffer, 0, Math.Min(read, Keep - text.Length));
            }
        }

        return text.ToString().Trim();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
    }

    public void Dispose() => slots.Dispose();
}
