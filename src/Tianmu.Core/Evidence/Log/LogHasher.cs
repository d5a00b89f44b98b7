using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Tianmu.Evidence.Log;

/// <summary>The hash algorithm of the evidence log: SHA-256 by default, SM3 (国密) by configuration.</summary>
public enum LogHashAlgorithm
{
    Sha256,
    Sm3,
}

/// <summary>
/// RFC 9162 §2.1.1 hashing: a leaf is HASH(0x00 || data), an inner node HASH(0x01 || left || right),
/// so a leaf can never be passed off as a node (second-preimage protection). Both algorithms give 32 bytes.
/// </summary>
public abstract class LogHasher
{
    public const int HashSize = 32;

    public static readonly LogHasher Sha256 = new Sha256Hasher();

    public static readonly LogHasher Sm3 = new Sm3Hasher();

    public abstract LogHashAlgorithm Algorithm { get; }

    /// <summary>Name written into tree heads and exported manifests: "sha256" or "sm3".</summary>
    public string Name => Algorithm == LogHashAlgorithm.Sha256 ? "sha256" : "sm3";

    public static LogHasher For(LogHashAlgorithm algorithm) => algorithm == LogHashAlgorithm.Sha256 ? Sha256 : Sm3;

    public static LogHasher? ForName(string name) => name switch
    {
        "sha256" => Sha256,
        "sm3" => Sm3,
        _ => null,
    };

    /// <summary>The plain hash of the bytes (no prefix), e.g. of an empty tree.</summary>
    public abstract byte[] Hash(ReadOnlySpan<byte> data);

    public byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer.AsSpan(1));
        return Hash(buffer);
    }

    public byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return Hash(buffer);
    }

    private sealed class Sha256Hasher : LogHasher
    {
        public override LogHashAlgorithm Algorithm => LogHashAlgorithm.Sha256;

        public override byte[] Hash(ReadOnlySpan<byte> data) => SHA256.HashData(data);
    }

    private sealed class Sm3Hasher : LogHasher
    {
        public override LogHashAlgorithm Algorithm => LogHashAlgorithm.Sm3;

        public override byte[] Hash(ReadOnlySpan<byte> data)
        {
            var digest = new SM3Digest();
            digest.BlockUpdate(data.ToArray(), 0, data.Length);
            var result = new byte[HashSize];
            digest.DoFinal(result, 0);
            return result;
        }
    }
}
