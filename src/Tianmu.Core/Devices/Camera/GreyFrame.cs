namespace Tianmu.Devices.Camera;

/// <summary>
/// A camera snapshot reduced to a small grey-scale picture: <see cref="Width"/> × <see cref="Height"/>
/// luminance bytes (0 black … 255 white), row by row. Integrity checks look at the scene as a whole —
/// is it dark, flat, soft, or a different view — so a few thousand pixels are enough, cost little,
/// and smooth away sensor noise and compression artefacts that full resolution would magnify.
/// </summary>
public sealed class GreyFrame
{
    private readonly byte[] luma;

    public GreyFrame(int width, int height, byte[] luma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 3);
        ArgumentNullException.ThrowIfNull(luma);
        if (luma.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} luminance bytes for {width}×{height}, got {luma.Length}.", nameof(luma));
        }

        Width = width;
        Height = height;
        this.luma = luma;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major luminance; read-only so a baseline cannot be changed behind its measures.</summary>
    public ReadOnlySpan<byte> Luma => luma;

    public byte this[int x, int y] => luma[(y * Width) + x];

    public bool SameSizeAs(GreyFrame other) => Width == other.Width && Height == other.Height;
}
