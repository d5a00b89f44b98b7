using Tianmu.Devices.Camera;

namespace Tianmu.Tests.Devices;

/// <summary>The measures behind camera integrity, on frames built in code.</summary>
public sealed class CameraMeasuresTests
{
    private const int W = 64, H = 48;

    private static GreyFrame Frame(Func<int, int, int> luma)
    {
        var bytes = new byte[W * H];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                bytes[(y * W) + x] = (byte)Math.Clamp(luma(x, y), 0, 255);
            }
        }

        return new GreyFrame(W, H, bytes);
    }

    /// <summary>Blobs of random grey: texture with a unique position everywhere.</summary>
    private static GreyFrame Texture(int seed)
    {
        var random = new Random(seed);
        var coarse = new int[(W / 4) + 2, (H / 4) + 2];
        for (var i = 0; i < coarse.GetLength(0); i++)
        {
            for (var j = 0; j < coarse.GetLength(1); j++)
            {
                coarse[i, j] = random.Next(30, 226);
            }
        }

        return Frame((x, y) => coarse[x / 4, y / 4]);
    }

    private static GreyFrame Map(GreyFrame frame, Func<int, int> luma) => Frame((x, y) => luma(frame[x, y]));

    [Fact]
    public void UniformFrameHasNoContrastNorSharpness()
    {
        var m = FrameMeasures.Of(Frame((_, _) => 90));

        Assert.Equal(90, m.Brightness);
        Assert.Equal(0, m.Contrast);
        Assert.Equal(0, m.Sharpness);
    }

    [Fact]
    public void ContrastIsTheStandardDeviation()
    {
        // Half 50, half 150: mean 100, every pixel 50 away from it.
        var m = FrameMeasures.Of(Frame((x, _) => x < W / 2 ? 50 : 150));

        Assert.Equal(100, m.Brightness, 6);
        Assert.Equal(50, m.Contrast, 6);
    }

    [Fact]
    public void SharpnessIgnoresLightingButNotBlur()
    {
        var scene = Texture(1);
        var dimmer = Map(scene, v => (v / 2) + 20);
        var blurred = Frame((x, y) =>
        {
            var sum = 0;
            for (var j = -2; j <= 2; j++)
            {
                for (var i = -2; i <= 2; i++)
                {
                    sum += scene[Math.Clamp(x + i, 0, W - 1), Math.Clamp(y + j, 0, H - 1)];
                }
            }

            return sum / 25;
        });

        var sharp = FrameMeasures.SharpnessOf(scene);
        Assert.InRange(FrameMeasures.SharpnessOf(dimmer) / sharp, 0.95, 1.05);
        Assert.True(FrameMeasures.SharpnessOf(blurred) < sharp * 0.5);
    }

    [Fact]
    public void SameViewMatchesAtNoShift()
    {
        var scene = Texture(2);

        var match = SceneSimilarity.Compare(scene, scene, 3);

        Assert.Equal(1, match.Score, 9);
        Assert.Equal((0, 0), (match.ShiftX, match.ShiftY));
    }

    [Fact]
    public void LightingDoesNotChangeTheView()
    {
        var scene = Texture(3);
        var brighter = Map(scene, v => (int)((v * 0.8) + 40));

        Assert.True(SceneSimilarity.Compare(scene, brighter, 3).Score > 0.99);
    }

    [Fact]
    public void SmallShakeIsFoundAndForgiven()
    {
        var scene = Texture(4);
        var shaken = Frame((x, y) => scene[Math.Clamp(x - 2, 0, W - 1), Math.Clamp(y - 1, 0, H - 1)]);

        var match = SceneSimilarity.Compare(scene, shaken, 3);

        Assert.Equal((2, 1), (match.ShiftX, match.ShiftY));
        Assert.True(match.Score > 0.95);
    }

    [Fact]
    public void PanBeyondTheToleranceIsNot()
    {
        var scene = Texture(5);
        var panned = Frame((x, y) => scene[Math.Clamp(x - 12, 0, W - 1), y]);

        Assert.True(SceneSimilarity.Compare(scene, panned, 3).Score < 0.3);
    }

    [Fact]
    public void UnrelatedViewsDoNotMatch()
    {
        Assert.InRange(SceneSimilarity.Compare(Texture(6), Texture(7), 3).Score, -0.3, 0.3);
    }

    [Fact]
    public void CellContrastsFindTheCoveredQuarter()
    {
        var scene = Texture(8);
        var covered = Frame((x, y) => x < W / 2 && y < H / 2 ? 5 : scene[x, y]);

        var cells = FrameMeasures.CellContrasts(covered, 4);

        Assert.All(new[] { 0, 1, 4, 5 }, i => Assert.Equal(0, cells[i]));
        Assert.All(new[] { 2, 3, 6, 7, 8, 15 }, i => Assert.True(cells[i] > 20));
        Assert.Equal(4.0 / 16, CameraIntegrity.BlankedShare(scene, covered, IntegrityThresholds.Default));
    }
}
