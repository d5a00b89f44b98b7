using System.Globalization;
using System.Text;

namespace Tianmu.Ingest.Hj212;

/// <summary>One framed packet: the data segment, or why the bytes could not be a packet.</summary>
public sealed record Hj212Frame(string? Data, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Cuts HJ 212 packets (<c>##</c> + 4-digit length + data + 4 hex CRC + CRLF) out of a TCP byte stream,
/// whatever the reads: a packet split over many reads, or several packets in one. After a bad packet
/// it resynchronises at the next <c>##</c>. It never holds more than one maximum-size packet, so a
/// client cannot make it buffer without bound.
/// </summary>
public sealed class Hj212Framer(int maxDataLength = 4096)
{
    private readonly List<byte> buffer = [];

    public int Buffered => buffer.Count;

    public IReadOnlyList<Hj212Frame> Push(ReadOnlySpan<byte> bytes)
    {
        buffer.AddRange(bytes);
        var frames = new List<Hj212Frame>();
        while (TryTake(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private bool TryTake(out Hj212Frame frame)
    {
        frame = default!;
        var start = IndexOfHeader();
        if (start < 0)
        {
            // Keep a trailing '#' that may begin the next header; the rest is noise.
            var keep = buffer.Count > 0 && buffer[^1] == (byte)'#' ? 1 : 0;
            if (buffer.Count - keep > 0)
            {
                var dropped = buffer.Count - keep;
                buffer.RemoveRange(0, dropped);
                frame = new Hj212Frame(null, $"丢弃 {dropped} 字节无包头数据");
                return true;
            }

            return false;
        }

        if (start > 0)
        {
            buffer.RemoveRange(0, start);
            frame = new Hj212Frame(null, $"丢弃包头前 {start} 字节");
            return true;
        }

        if (buffer.Count < 6)
        {
            return false;
        }

        var lengthText = Encoding.ASCII.GetString([.. buffer.GetRange(2, 4)]);
        if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > maxDataLength)
        {
            buffer.RemoveRange(0, 2);
            frame = new Hj212Frame(null, $"数据段长度“{lengthText}”无效或超过上限 {maxDataLength}");
            return true;
        }

        var total = 6 + length + 4 + 2;
        if (buffer.Count < total)
        {
            return false;
        }

        var packet = buffer.GetRange(0, total).ToArray();
        if (packet[^2] != '\r' || packet[^1] != '\n')
        {
            buffer.RemoveRange(0, 2);
            frame = new Hj212Frame(null, "包尾不是 CRLF，长度与内容不符");
            return true;
        }

        buffer.RemoveRange(0, total);
        var data = packet.AsSpan(6, length);
        var crcText = Encoding.ASCII.GetString(packet, 6 + length, 4);
        if (!ushort.TryParse(crcText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc) || crc != Hj212Crc.Compute(data))
        {
            frame = new Hj212Frame(null, $"CRC 校验失败（收到 {crcText}，应为 {Hj212Crc.Compute(data):X4}）");
            return true;
        }

        frame = new Hj212Frame(Encoding.ASCII.GetString(data), null);
        return true;
    }

    private int IndexOfHeader()
    {
        for (var i = 0; i + 1 < buffer.Count; i++)
        {
            if (buffer[i] == '#' && buffer[i + 1] == '#')
            {
                return i;
            }
        }

        return -1;
    }
}
