namespace Tianmu.Server.Ingest;

/// <summary>
/// A read-only stream over an upload: the bytes already read to recognise the file, then the rest,
/// refusing to go past a size limit. It lets a file be checked and stored while it streams in,
/// without ever holding a whole clip in memory.
/// </summary>
public sealed class UploadStream(ReadOnlyMemory<byte> head, Stream rest, long limit) : Stream
{
    private int headOffset;

    public long Length64 { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Length64; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (headOffset < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - headOffset);
            head.Span.Slice(headOffset, read).CopyTo(buffer.Span);
            headOffset += read;
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        Length64 += read;
        return Length64 > limit ? throw new UploadTooLargeException(limit) : read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads up to <paramref name="count"/> bytes from the start of a stream (fewer only at its end).</summary>
    public static async Task<byte[]> HeadAsync(Stream stream, int count, CancellationToken ct)
    {
        var head = new byte[count];
        var filled = 0;
        int read;
        while (filled < count && (read = await stream.ReadAsync(head.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        return head[..filled];
    }
}

public sealed class UploadTooLargeException(long limit) : IOException($"upload exceeds {limit} bytes");
