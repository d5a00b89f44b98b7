namespace Tianmu.Ingest.AiEvents;

/// <summary>
/// What media an edge box may upload: JPEG or PNG snapshots up to 5 MB, MP4 clips up to 50 MB. The
/// declared content type must agree with the file's own signature bytes, so a mislabelled or
/// disguised file is refused before it becomes an "original".
/// </summary>
public static class MediaRules
{
    public const long MaxSnapshotBytes = 5 * 1024 * 1024;
    public const long MaxClipBytes = 50 * 1024 * 1024;

    /// <summary>Bytes needed from the start of a file to recognise it.</summary>
    public const int SniffLength = 12;

    public static long LimitOf(MediaKind kind) => kind == MediaKind.Snapshot ? MaxSnapshotBytes : MaxClipBytes;

    /// <summary>The media kind a content type belongs to, or null when it is not accepted.</summary>
    public static MediaKind? KindOf(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/jpeg" or "image/png" => MediaKind.Snapshot,
        "video/mp4" => MediaKind.Clip,
        _ => null,
    };

    /// <summary>Whether the first bytes of a file are those of the declared type.</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> head) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        "video/mp4" => head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8),
        _ => false,
    };

    public static string Normalise(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();
}
