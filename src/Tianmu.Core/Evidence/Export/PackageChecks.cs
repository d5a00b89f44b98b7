using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tianmu.Evidence.Log;

namespace Tianmu.Evidence.Export;

/// <summary>
/// The checks of a manifest, shared by the writer (before it writes anything) and the verify command.
/// verify.html repeats them in JavaScript, in the same order and with the same wording.
/// Each returns null when the check holds, else why not, in Chinese.
/// </summary>
internal static partial class PackageChecks
{
    /// <summary>The tree head: known algorithms, well-formed fields, the key's fingerprint, the signature.</summary>
    public static string? TreeHead(PackageManifest m, string? expectedFingerprint)
    {
        if (LogHasher.ForName(m.HashAlgorithm) is not { } hasher)
        {
            return $"不支持的哈希算法“{m.HashAlgorithm}”。";
        }

        if (LogSignatures.ForName(m.SignatureAlgorithm) is not { } algorithm)
        {
            return $"不支持的签名算法“{m.SignatureAlgorithm}”。";
        }

        if (FromHex(m.TreeHead.RootHash) is not { Length: LogHasher.HashSize } root || m.TreeHead.Size < 1)
        {
            return "树头的规模或根哈希格式有误。";
        }

        if (FromBase64(m.PublicKey.Spki) is not { } spki || FromBase64(m.TreeHead.Signature) is not { } signature)
        {
            return "公钥或签名不是有效的 Base64。";
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(spki));
        if (!string.Equals(fingerprint, m.PublicKey.Fingerprint, StringComparison.Ordinal))
        {
            return "清单所列公钥指纹与公钥本身不符。";
        }

        if (expectedFingerprint is not null && !string.Equals(fingerprint, expectedFingerprint.Trim().ToLowerInvariant(), StringComparison.Ordinal))
        {
            return $"公钥指纹 {fingerprint} 不是所要求的 {expectedFingerprint.Trim()}：树头不是由该机关的日志密钥签署的。";
        }

        var head = new TreeHead(m.TreeHead.Size, root, DateTimeOffset.FromUnixTimeMilliseconds(m.TreeHead.Timestamp), hasher.Algorithm);
        return LogSignatures.Verify(algorithm, spki, head.SigningMessage(), signature)
            ? null
            : "树头签名无效：树头（规模、根哈希或时间）被改动，或并非由该公钥签署。";
    }

    /// <summary>
    /// One item's manifest entry: its path, its leaf data naming the original, the leaf hash and the
    /// inclusion proof up to the tree head. The original itself is hashed by the caller.
    /// </summary>
    public static string? Item(PackageManifest m, ManifestItem item)
    {
        if (!Sha256Hex().IsMatch(item.Sha256) || !ObjectPath().IsMatch(item.File) || !item.File.StartsWith("objects/" + item.Sha256, StringComparison.Ordinal))
        {
            return "清单中该证据的哈希或文件路径格式有误。";
        }

        if (FromBase64(item.LeafData) is not { } leafData)
        {
            return "叶子数据不是有效的 Base64。";
        }

        if (item.LeafKey is { } key && !LeafKeys.Contains(key))
        {
            return $"清单所列叶子字段“{key}”不是可载明原件哈希的字段。";
        }

        if (LeafNamedHash(leafData, item.LeafKey ?? "sha256", out var leafElements) != item.Sha256)
        {
            return "日志叶子数据未载明该原件的 SHA-256，包含证明不能证明此原件。";
        }

        if (leafElements is not null && !JsonNode.DeepEquals(leafElements, item.Elements))
        {
            return "清单中的证据要素与日志叶子数据中的不一致。";
        }

        var hasher = LogHasher.ForName(m.HashAlgorithm) ?? LogHasher.Sha256;
        var leafHash = hasher.HashLeaf(leafData);
        if (!string.Equals(Convert.ToHexStringLower(leafHash), item.LeafHash, StringComparison.Ordinal))
        {
            return "清单所列叶子哈希与叶子数据不符。";
        }

        var proof = item.InclusionProof.Select(FromHex).ToList();
        if (proof.Any(p => p is not { Length: LogHasher.HashSize }) || FromHex(m.TreeHead.RootHash) is not { } root)
        {
            return "包含证明的格式有误。";
        }

        return MerkleProofs.VerifyInclusion(hasher, item.LeafIndex, m.TreeHead.Size, leafHash, proof!, root)
            ? null
            : $"包含证明不成立：由叶子（序号 {item.LeafIndex}）和证明算不出树头的根哈希。";
    }

    /// <summary>The original on the disc against the manifest.</summary>
    public static string? Original(ManifestItem item, string? actualSha256)
    {
        if (actualSha256 is null)
        {
            return $"找不到原件文件 {item.File}。";
        }

        return actualSha256 == item.Sha256
            ? null
            : $"原件 SHA-256 与清单不符（清单 {item.Sha256[..16]}…，实际 {actualSha256[..16]}…），原件已被改动。";
    }

    /// <summary>The leaf strings that may name an original: an item's or a case file's "sha256", a document's PDF and signature.</summary>
    public static readonly IReadOnlySet<string> LeafKeys = new HashSet<string>(StringComparer.Ordinal) { "sha256", "pdfSha256", "signatureSha256" };

    /// <summary>
    /// The contract with the log: an evidence item's leaf data is a UTF-8 JSON object whose top-level
    /// string "sha256" (or, for an issued document, "pdfSha256" / "signatureSha256" as the manifest's leaf_key
    /// says) is the original's lowercase hex SHA-256 (and, when present, "elements" its elements).
    /// </summary>
    public static string? LeafNamedHash(byte[] leafData, string key, out JsonNode? elements)
    {
        elements = null;
        try
        {
            if (JsonNode.Parse(leafData) is not JsonObject leaf)
            {
                return null;
            }

            elements = leaf["elements"];
            return leaf[key] is JsonValue value && value.TryGetValue<string>(out var hash) ? hash : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[]? FromHex(string? hex)
    {
        try
        {
            return hex is null ? null : Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static byte[]? FromBase64(string? text)
    {
        try
        {
            return text is null ? null : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex(@"^objects/[0-9a-f]{64}(\.[a-z0-9]{1,8})?$")]
    private static partial Regex ObjectPath();
}
