using System.ComponentModel;
using System.Text;
using Tianmu.Devices.Camera;

namespace Tianmu.Tests.Devices;

/// <summary>Snapshots from devices are untrusted bytes: decoded when they are pictures, refused with a clear error otherwise.</summary>
[Collection(CameraScenesCollection.Name)]
public sealed class CameraFrameDecoderTests(CameraScenes scenes)
{
    [Fact]
    public async Task JpegBecomesASmallGreyFrame()
    {
        var frame = await scenes.FrameAsync("grey_card");

        Assert.Equal((160, 120), (frame.Width, frame.Height));
        Assert.InRange(FrameMeasures.MeanBrightness(frame), 124, 132); // 0x808080 is 128
    }

    [Fact]
    public async Task PngAndJpegOfTheSameViewAgree()
    {
        var png = (await scenes.Decoder.DecodeAsync(scenes.Png("baseline"), CancellationToken.None)).Value!;
        var jpeg = await scenes.FrameAsync("baseline");

        var meanDifference = png.Luma.ToArray().Zip(jpeg.Luma.ToArray(), (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanDifference < 3, $"mean difference {meanDifference}");
    }

    [Fact]
    public async Task StreamIsDecodedLikeBytes()
    {
        using var stream = new MemoryStream(scenes.Jpeg("baseline"));

        var fromStream = await scenes.Decoder.DecodeAsync(stream, CancellationToken.None);
        var fromBytes = await scenes.FrameAsync("baseline");

        Assert.True(fromStream.Value!.Luma.SequenceEqual(fromBytes.Luma));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("truncated")]
    [InlineData("playlist")]
    public async Task WhatIsNotAPictureIsUndecodable(string kind)
    {
        byte[] bytes = kind switch
        {
            "garbage" => RandomBytes(5000),
            "empty" => [],
            "truncated" => scenes.Jpeg("baseline")[..200], // the header only
            // A playlist naming a local file: ffmpeg must not read files for a device.
            _ => Encoding.ASCII.GetBytes("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/hostname\n#EXT-X-ENDLIST\n"),
        };

        var result = await scenes.Decoder.DecodeAsync(bytes, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("snapshot_undecodable", result.Error!.Code);
    }

    [Fact]
    public async Task OversizedUploadIsRefusedBeforeDecoding()
    {
        using var decoder = new FfmpegFrameDecoder(new FrameDecoderOptions { MaxInputBytes = 1000 });
        using var stream = new MemoryStream(scenes.Jpeg("baseline"));

        Assert.Equal("snapshot_too_large", (await decoder.DecodeAsync(scenes.Jpeg("baseline"), CancellationToken.None)).Error!.Code);
        Assert.Equal("snapshot_too_large", (await decoder.DecodeAsync(stream, CancellationToken.None)).Error!.Code);
    }

    [Fact]
    public async Task PictureClaimingTooManyPixelsIsUndecodable()
    {
        using var decoder = new FfmpegFrameDecoder(new FrameDecoderOptions { MaxPixels = 100_000 }); // the snapshot is 640×480

        var result = await decoder.DecodeAsync(scenes.Jpeg("baseline"), CancellationToken.None);

        Assert.Equal("snapshot_undecodable", result.Error!.Code);
    }

    [Fact]
    public async Task SlowDecodeTimesOut()
    {
        using var decoder = new FfmpegFrameDecoder(new FrameDecoderOptions { Timeout = TimeSpan.FromMilliseconds(1) }); // ffmpeg needs tens of ms to start

        var result = await decoder.DecodeAsync(scenes.Jpeg("baseline"), CancellationToken.None);

        Assert.Equal("snapshot_decode_timeout", result.Error!.Code);
    }

    [Fact]
    public async Task CallerCancellationIsNotATimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scenes.Decoder.DecodeAsync(scenes.Jpeg("baseline"), cts.Token));
    }

    [Fact]
    public async Task MissingFfmpegIsAServerFault()
    {
        using var decoder = new FfmpegFrameDecoder(new FrameDecoderOptions { FfmpegPath = "/nonexistent/ffmpeg" });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => decoder.DecodeAsync(scenes.Jpeg("baseline"), CancellationToken.None));
        Assert.IsType<Win32Exception>(e.InnerException);
    }

    [Fact]
    public async Task ConcurrentDecodesWaitForAFreeSlot()
    {
        using var decoder = new FfmpegFrameDecoder(new FrameDecoderOptions { MaxConcurrent = 2 });
        var names = new[] { "baseline", "again", "panned", "smeared", "capped", "elsewhere" };

        var results = await Task.WhenAll(names.Select(n => decoder.DecodeAsync(scenes.Jpeg(n), CancellationToken.None)));

        var alone = await scenes.FrameAsync("baseline");

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.True(results[0].Value!.Luma.SequenceEqual(alone.Luma));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
