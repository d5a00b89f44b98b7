namespace Tianmu.Devices.Camera;

/// <summary>How well a snapshot matches the baseline view, and at which small offset it matches best.</summary>
/// <param name="Score">Correlation in [-1, 1]: 1 the same view, about 0 an unrelated one.</param>
/// <param name="ShiftX">Horizontal offset (pixels of the small frame) at which the views match best.</param>
/// <param name="ShiftY">Vertical offset at which the views match best.</param>
public readonly record struct SceneMatch(double Score, int ShiftX, int ShiftY);

/// <summary>
/// Compares a snapshot with the baseline by correlating their grey-level gradients. Gradients carry
/// the scene's layout — edges of walls, doors, counters, equipment — and not its lighting: adding light
/// leaves them unchanged and dimming scales them, which the normalised correlation ignores. So a lamp
/// switched on or evening falling keeps the score near 1, while a camera turned, tilted or pointed at
/// something else lines up different edges and scores near 0. The search over small offsets forgives
/// a mount that shakes or settles by a pixel or two; a real pan moves the view further than that.
/// </summary>
public static class SceneSimilarity
{
    public static SceneMatch Compare(GreyFrame baseline, GreyFrame frame, int maxShift)
    {
        if (!baseline.SameSizeAs(frame))
        {
            throw new ArgumentException($"Frames differ in size: {baseline.Width}×{baseline.Height} vs {frame.Width}×{frame.Height}.", nameof(frame));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        var a = Gradients.Of(baseline);
        var b = Gradients.Of(frame);
        var best = new SceneMatch(double.NegativeInfinity, 0, 0);
        for (var dy = -maxShift; dy <= maxShift; dy++)
        {
            for (var dx = -maxShift; dx <= maxShift; dx++)
            {
                var score = Correlate(a, b, dx, dy);
                // Ties go to the smaller offset so an unchanged view reports (0, 0).
                if (score > best.Score || (score == best.Score && (Math.Abs(dx) + Math.Abs(dy)) < (Math.Abs(best.ShiftX) + Math.Abs(best.ShiftY))))
                {
                    best = new SceneMatch(score, dx, dy);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Normalised correlation of the gradient fields where the baseline at (x, y) overlaps the frame
    /// at (x + dx, y + dy): Σ(ga·gb) / √(Σ|ga|² · Σ|gb|²). Zero when either side has no edges there.
    /// </summary>
    internal static double Correlate(Gradients a, Gradients b, int dx, int dy)
    {
        var w = a.Width;
        double ab = 0, aa = 0, bb = 0;
        var x0 = Math.Max(0, -dx);
        var x1 = Math.Min(w, w - dx);
        var y0 = Math.Max(0, -dy);
        var y1 = Math.Min(a.Height, a.Height - dy);
        for (var y = y0; y < y1; y++)
        {
            var rowA = y * w;
            var rowB = ((y + dy) * w) + dx;
            for (var x = x0; x < x1; x++)
            {
                int ax = a.X[rowA + x], ay = a.Y[rowA + x];
                int bx = b.X[rowB + x], by = b.Y[rowB + x];
                ab += (ax * bx) + (ay * by);
                aa += (ax * ax) + (ay * ay);
                bb += (bx * bx) + (by * by);
            }
        }

        return aa <= 0 || bb <= 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    /// <summary>
    /// Central-difference gradients of a lightly smoothed copy of the frame. The 3×3 smoothing widens
    /// one-pixel edges so that a sub-pixel shake or a little compression noise does not break the match.
    /// </summary>
    internal sealed class Gradients
    {
        private Gradients(int width, int height, int[] x, int[] y)
        {
            Width = width;
            Height = height;
            X = x;
            Y = y;
        }

        public int Width { get; }

        public int Height { get; }

        public int[] X { get; }

        public int[] Y { get; }

        public static Gradients Of(GreyFrame frame)
        {
            int w = frame.Width, h = frame.Height;
            var smooth = Smooth(frame);
            var gx = new int[w * h];
            var gy = new int[w * h];
            for (var y = 1; y < h - 1; y++)
            {
                for (var x = 1; x < w - 1; x++)
                {
                    var i = (y * w) + x;
                    gx[i] = smooth[i + 1] - smooth[i - 1];
                    gy[i] = smooth[i + w] - smooth[i - w];
                }
            }

            return new Gradients(w, h, gx, gy);
        }

        /// <summary>3×3 box sum (edges clamped); the scale does not matter to a normalised correlation.</summary>
        private static int[] Smooth(GreyFrame frame)
        {
            int w = frame.Width, h = frame.Height;
            var luma = frame.Luma;
            var result = new int[w * h];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var sum = 0;
                    for (var j = -1; j <= 1; j++)
                    {
                        var yy = Math.Clamp(y + j, 0, h - 1);
                        for (var i = -1; i <= 1; i++)
                        {
                            sum += luma[(yy * w) + Math.Clamp(x + i, 0, w - 1)];
                        }
                    }

                    result[(y * w) + x] = sum;
                }
            }

            return result;
        }
    }
}
