using Tianmu.Devices.Camera;

namespace Tianmu.Tests.Devices;

/// <summary>
/// Suspected tampering with a camera (BRIEF capability 3; S6/Z23): snapshots drawn by ffmpeg, decoded
/// by the production decoder and judged against the baseline view.
/// </summary>
[Collection(CameraScenesCollection.Name)]
public sealed class CameraIntegrityTests(CameraScenes scenes)
{
    [Theory]
    [InlineData("again")] // the same view a moment later, fresh sensor noise
    [InlineData("lights_on")] // brighter, flatter lighting
    [InlineData("evening")] // much darker, half the contrast
    [InlineData("shaken")] // mount shifted by ~1 % of the view
    [InlineData("grainy")] // heavy noise and JPEG quality 28
    public async Task UnchangedViewIsOk(string snapshot)
    {
        var finding = CameraIntegrity.Assess(await scenes.BaselineAsync(), await scenes.FrameAsync(snapshot));

        Assert.Equal(CameraCondition.Ok, finding.Condition);
        Assert.True(finding.IsOk);
        Assert.True(finding.Scene!.Value.Score >= IntegrityThresholds.Default.MinSceneMatch);
    }

    [Theory]
    [InlineData("capped")] // black
    [InlineData("lights_cut")] // the room's light switched off
    [InlineData("grey_card")] // uniform grey
    [InlineData("half_covered")] // a black cover over the left half of the view
    public async Task CoveredViewIsObstructed(string snapshot)
    {
        var finding = CameraIntegrity.Assess(await scenes.BaselineAsync(), await scenes.FrameAsync(snapshot));

        Assert.Equal(CameraCondition.Obstructed, finding.Condition);
        Assert.Null(finding.Scene); // no scene comparison on a picture that shows nothing
        Assert.Contains("遮挡", finding.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smeared")] // gaussian blur: grease on the lens, focus turned
    [InlineData("fogged")] // box blur: spray, condensation
    public async Task SoftViewIsBlurred(string snapshot)
    {
        var baseline = await scenes.BaselineAsync();
        var finding = CameraIntegrity.Assess(baseline, await scenes.FrameAsync(snapshot));

        Assert.Equal(CameraCondition.Blurred, finding.Condition);
        Assert.True(finding.Measures.Sharpness < baseline.Measures.Sharpness * IntegrityThresholds.Default.MinSharpnessRatio);
        Assert.Equal(baseline.Measures, finding.Baseline);
    }

    [Theory]
    [InlineData("panned")] // turned sideways by a quarter of the view
    [InlineData("tilted")] // tilted up by a quarter of the view
    [InlineData("turned")] // mirrored: the same things, not in the same places
    [InlineData("elsewhere")] // pointed at another scene
    public async Task DifferentViewIsMoved(string snapshot)
    {
        var finding = CameraIntegrity.Assess(await scenes.BaselineAsync(), await scenes.FrameAsync(snapshot));

        Assert.Equal(CameraCondition.Moved, finding.Condition);
        Assert.True(finding.Scene!.Value.Score < IntegrityThresholds.Default.MinSceneMatch);
        Assert.Contains("移动", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdsAreData()
    {
        // The same shaken snapshot is moved for an agency that tolerates no shake at all.
        var strict = IntegrityThresholds.Default with { MinSceneMatch = 0.99 };
        var shaken = await scenes.FrameAsync("shaken");
        var baseline = await scenes.BaselineAsync();

        Assert.Equal(CameraCondition.Ok, CameraIntegrity.Assess(baseline, shaken).Condition);
        Assert.Equal(CameraCondition.Moved, CameraIntegrity.Assess(baseline, shaken, strict).Condition);
    }

    [Fact]
    public async Task CoveredCameraCannotBecomeTheBaseline()
    {
        var result = CameraBaseline.From(await scenes.FrameAsync("capped"));

        Assert.False(result.IsSuccess);
        Assert.Equal("camera_baseline_unusable", result.Error!.Code);
    }

    [Fact]
    public async Task MedianBaselineDropsWhatPassesThrough()
    {
        // Three snapshots after installation, one of them with the view blocked by something passing.
        var frames = new[] { await scenes.FrameAsync("baseline"), await scenes.FrameAsync("elsewhere"), await scenes.FrameAsync("again") };
        var median = CameraBaseline.FromMedian(frames).Value!;

        Assert.Equal(CameraCondition.Ok, CameraIntegrity.Assess(median, await scenes.FrameAsync("lights_on")).Condition);
        Assert.Equal(CameraCondition.Moved, CameraIntegrity.Assess(median, await scenes.FrameAsync("panned")).Condition);
    }

    [Fact]
    public async Task PngBaselineJudgesJpegSnapshots()
    {
        var decoded = await scenes.Decoder.DecodeAsync(scenes.Png("baseline"), CancellationToken.None);
        var baseline = CameraBaseline.From(decoded.Value!).Value!;

        Assert.Equal(CameraCondition.Ok, CameraIntegrity.Assess(baseline, await scenes.FrameAsync("again")).Condition);
        Assert.Equal(CameraCondition.Blurred, CameraIntegrity.Assess(baseline, await scenes.FrameAsync("smeared")).Condition);
    }

    [Fact]
    public async Task StoredBaselineJudgesAlike()
    {
        var baseline = await scenes.BaselineAsync();
        var stored = baseline.ToBytes();
        var loaded = CameraBaseline.FromBytes(stored);

        Assert.Equal(9 + (160 * 120), stored.Length);
        Assert.True(loaded.Frame.Luma.SequenceEqual(baseline.Frame.Luma));
        Assert.Equal(baseline.Measures, loaded.Measures);
        Assert.Equal(CameraCondition.Moved, CameraIntegrity.Assess(loaded, await scenes.FrameAsync("panned")).Condition);
    }

    [Fact]
    public async Task CorruptStoredBaselineIsRefused()
    {
        var stored = (await scenes.BaselineAsync()).ToBytes();

        Assert.Throws<FormatException>(() => CameraBaseline.FromBytes(stored.AsSpan(0, stored.Length - 1)));
        Assert.Throws<FormatException>(() => CameraBaseline.FromBytes("not a baseline"u8));
        stored[4] = 2; // a future version this code does not know
        Assert.Throws<FormatException>(() => CameraBaseline.FromBytes(stored));
    }

    [Fact]
    public async Task SnapshotOfAnotherSizeIsAProgrammingError()
    {
        var small = new GreyFrame(80, 60, new byte[80 * 60]);
        var baseline = await scenes.BaselineAsync();

        Assert.Throws<ArgumentException>(() => CameraIntegrity.Assess(baseline, small));
    }
}
