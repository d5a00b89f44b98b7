using System.Globalization;
using System.Text;

namespace Tianmu.Evidence.Log;

/// <summary>The state of the log at a moment: how many leaves, their root hash, and when.</summary>
public sealed record TreeHead(long Size, byte[] RootHash, DateTimeOffset Timestamp, LogHashAlgorithm HashAlgorithm)
{
    /// <summary>
    /// The exact bytes that are signed. Plain text, one field per line, so the standalone verifier (no
    /// server, no libraries) can rebuild it: "tianmu-tree-head/1", hash name, size, root hex, Unix milliseconds.
    /// </summary>
    public byte[] SigningMessage() => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"tianmu-tree-head/1\n{LogHasher.For(HashAlgorithm).Name}\n{Size}\n{Convert.ToHexStringLower(RootHash)}\n{Timestamp.ToUnixTimeMilliseconds()}\n"));
}

/// <summary>
/// A tree head signed by the log key <paramref name="KeyId"/>. The signature is over
/// <see cref="TreeHead.SigningMessage"/>; see <see cref="LogSignatures"/> for the formats.
/// </summary>
public sealed record SignedTreeHead(TreeHead Head, string KeyId, LogSignatureAlgorithm SignatureAlgorithm, byte[] Signature);
