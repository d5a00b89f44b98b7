namespace Tianmu.Devices.Camera;

/// <summary>
/// What a snapshot looks like in three numbers, each chosen to answer one tampering question:
/// <see cref="Brightness"/> (is the lens covered or the light gone?), <see cref="Contrast"/> (is the
/// picture a flat card, paper, paint or fog?) and <see cref="Sharpness"/> (is the lens smeared, fogged
/// or pushed out of focus?).
/// </summary>
/// <param name="Brightness">Mean luminance, 0 (black) to 255 (white).</param>
/// <param name="Contrast">Standard deviation of luminance, 0 for a uniform picture.</param>
/// <param name="Sharpness">Fine detail relative to contrast; see <see cref="FrameMeasures.SharpnessOf"/>.</param>
public sealed record FrameMeasures(double Brightness, double Contrast, double Sharpness)
{
    public static FrameMeasures Of(GreyFrame frame) =>
        new(MeanBrightness(frame), ContrastOf(frame), SharpnessOf(frame));

    public static double MeanBrightness(GreyFrame frame)
    {
        long sum = 0;
        foreach (var v in frame.Luma)
        {
            sum += v;
        }

        return (double)sum / frame.Luma.Length;
    }

    /// <summary>
    /// Standard deviation of luminance. A lens cap, a sheet of paper, spray paint or a bag over the
    /// camera all leave a picture with almost no spread of grey levels, whatever its brightness.
    /// </summary>
    public static double ContrastOf(GreyFrame frame)
    {
        long sum = 0, sumSq = 0;
        foreach (var v in frame.Luma)
        {
            sum += v;
            sumSq += v * v;
        }

        var n = (double)frame.Luma.Length;
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
    }

    /// <summary>
    /// Root-mean-square of the 4-neighbour Laplacian divided by the contrast. The Laplacian responds to
    /// fine detail (edges, texture) and blur removes exactly that; dividing by the contrast makes the
    /// number independent of exposure and lighting — a dimmer or brighter scene scales both alike — so
    /// only a loss of detail lowers it. A picture without contrast has no detail: 0.
    /// </summary>
    public static double SharpnessOf(GreyFrame frame)
    {
        var contrast = ContrastOf(frame);
        if (contrast < 1e-6)
        {
            return 0;
        }

        var luma = frame.Luma;
        var w = frame.Width;
        double sumSq = 0;
        for (var y = 1; y < frame.Height - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var i = (y * w) + x;
                var laplacian = (4 * luma[i]) - luma[i - 1] - luma[i + 1] - luma[i - w] - luma[i + w];
                sumSq += laplacian * laplacian;
            }
        }

        var count = (frame.Width - 2) * (frame.Height - 2);
        return Math.Sqrt(sumSq / count) / contrast;
    }

    /// <summary>
    /// Contrast of each cell of a <paramref name="grid"/>×<paramref name="grid"/> division of the frame,
    /// row by row, to see a cover that hides part of the view while the rest still looks normal.
    /// </summary>
    public static double[] CellContrasts(GreyFrame frame, int grid)
    {
        var result = new double[grid * grid];
        for (var row = 0; row < grid; row++)
        {
            for (var col = 0; col < grid; col++)
            {
                int x0 = col * frame.Width / grid, x1 = (col + 1) * frame.Width / grid;
                int y0 = row * frame.Height / grid, y1 = (row + 1) * frame.Height / grid;
                long sum = 0, sumSq = 0;
                for (var y = y0; y < y1; y++)
                {
                    foreach (var v in frame.Luma.Slice((y * frame.Width) + x0, x1 - x0))
                    {
                        sum += v;
                        sumSq += v * v;
                    }
                }

                var n = (double)(x1 - x0) * (y1 - y0);
                var mean = sum / n;
                result[(row * grid) + col] = Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
            }
        }

        return result;
    }
}
