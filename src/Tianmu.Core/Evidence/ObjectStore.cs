using System.Security.Cryptography;

namespace Tianmu.Evidence;

/// <summary>
/// Write-once, content-addressed storage of originals (photos, documents, media). Objects are named
/// by their SHA-256; there is no way to change or delete one (S14/Z14), and every read re-checks the
/// hash so tampering on disk is reported, never served.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores the content (once) and returns its lowercase hex SHA-256.</summary>
    Task<string> PutAsync(Stream content, CancellationToken ct);

    /// <summary>The verified content, or null when no object has that hash.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}

public sealed class TamperedObjectException(string sha256)
    : Exception($"对象 {sha256} 的内容与其哈希不符，疑似被篡改，已拒绝读取。");

/// <summary>
/// Objects under {root}/ab/cd/{hash}: written to a temporary file, flushed to disk, renamed into
/// place and made read-only, so a crash leaves either the whole object or nothing.
/// </summary>
public sealed class FileObjectStore(string root) : IObjectStore
{
    public async Task<string> PutAsync(Stream content, CancellationToken ct)
    {
        var tmpDir = Path.Combine(root, "tmp");
        Directory.CreateDirectory(tmpDir);
        var tmp = Path.Combine(tmpDir, Guid.NewGuid().ToString("N"));
        string hash;
        try
        {
            hash = await WriteAsync(content, tmp, ct);
        }
        catch
        {
            File.Delete(tmp); // a failed or refused upload leaves nothing behind
            throw;
        }

        var target = PathOf(hash);
        if (File.Exists(target))
        {
            File.Delete(tmp); // already stored: content-addressed, so identical
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(tmp, target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }

        return hash;
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            return null;
        }

        var path = PathOf(sha256.ToLowerInvariant());
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha256.ToLowerInvariant())
        {
            throw new TamperedObjectException(sha256);
        }

        return bytes;
    }

    /// <summary>
    /// Removes an object's bytes. Internal on purpose: only <see cref="RetentionExpiry"/> calls it, for an
    /// item past its retention with no hold, after recording the expiry; no endpoint can reach it.
    /// </summary>
    internal bool DeleteForRetention(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            return false;
        }

        var path = PathOf(sha256.ToLowerInvariant());
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Whether the object's bytes are present (not whether they are intact).</summary>
    public bool Exists(string sha256) => sha256.Length == 64 && sha256.All(Uri.IsHexDigit) && File.Exists(PathOf(sha256.ToLowerInvariant()));

    /// <summary>Writes the content to a temporary file, flushed to disk, hashing it on the way.</summary>
    private static async Task<string> WriteAsync(Stream content, string tmp, CancellationToken ct)
    {
        await using var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        await file.FlushAsync(ct);
        file.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private string PathOf(string hash) => Path.Combine(root, hash[..2], hash[2..4], hash);
}
