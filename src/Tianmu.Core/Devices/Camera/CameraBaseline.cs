using System.Buffers.Binary;
using Tianmu.Common;

namespace Tianmu.Devices.Camera;

/// <summary>
/// The reference view of a camera (基准画面): what the camera showed when it was installed and confirmed,
/// or when an officer last accepted its view. Later snapshots are judged against it. Only the frame is
/// stored; its measures are recomputed on load, so they can never disagree with it.
/// </summary>
public sealed class CameraBaseline
{
    private const uint Magic = 0x42434D54; // "TMCB" little-endian: Tianmu camera baseline
    private const byte Version = 1;
    private const int HeaderLength = 9;

    private CameraBaseline(GreyFrame frame)
    {
        Frame = frame;
        Measures = FrameMeasures.Of(frame);
    }

    public GreyFrame Frame { get; }

    public FrameMeasures Measures { get; }

    public static Error Unusable { get; } =
        Error.Unprocessable("camera_baseline_unusable", "该画面过暗或几乎没有内容，不能作为摄像头的基准画面，请在摄像头视野正常时重新设定。");

    /// <summary>
    /// A baseline from one snapshot, refused when that snapshot is itself dark or uniform: a camera
    /// installed with its cap on must not make the cap its normal view.
    /// </summary>
    public static Result<CameraBaseline> From(GreyFrame frame, IntegrityThresholds? thresholds = null)
    {
        var baseline = new CameraBaseline(frame);
        return CameraIntegrity.IsObstructed(baseline.Measures, thresholds ?? IntegrityThresholds.Default) ? Unusable : baseline;
    }

    /// <summary>
    /// A baseline from several snapshots of the same view (e.g. the first five after installation),
    /// taking each pixel's median: people and vehicles passing through drop out and the fixed scene stays.
    /// </summary>
    public static Result<CameraBaseline> FromMedian(IReadOnlyList<GreyFrame> frames, IntegrityThresholds? thresholds = null)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("At least one frame is needed.", nameof(frames));
        }

        var first = frames[0];
        if (frames.Any(f => !f.SameSizeAs(first)))
        {
            throw new ArgumentException("Frames differ in size.", nameof(frames));
        }

        var luma = new byte[first.Width * first.Height];
        var values = new byte[frames.Count];
        for (var i = 0; i < luma.Length; i++)
        {
            for (var k = 0; k < frames.Count; k++)
            {
                values[k] = frames[k].Luma[i];
            }

            Array.Sort(values);
            luma[i] = values[values.Length / 2];
        }

        return From(new GreyFrame(first.Width, first.Height, luma), thresholds);
    }

    /// <summary>A compact form for a database column: "TMCB", version, width, height (uint16 LE), luminance.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + Frame.Luma.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        bytes[4] = Version;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(5), (ushort)Frame.Width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(7), (ushort)Frame.Height);
        Frame.Luma.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; anything else is corrupt storage and throws.</summary>
    public static CameraBaseline FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic || bytes[4] != Version)
        {
            throw new FormatException("Not a stored camera baseline.");
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(bytes[5..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(bytes[7..]);
        if (width < 3 || height < 3 || bytes.Length != HeaderLength + (width * height))
        {
            throw new FormatException($"A stored camera baseline of {width}×{height} has {bytes.Length - HeaderLength} luminance bytes.");
        }

        return new CameraBaseline(new GreyFrame(width, height, bytes[HeaderLength..].ToArray()));
    }
}
