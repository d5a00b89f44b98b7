using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Tianmu.Evidence.Export;
using Tianmu.Evidence.Log;

namespace Tianmu.Tests.Evidence.Export;

/// <summary>A log signing key made for the test: ECDSA P-256 by .NET, SM2 by BouncyCastle.</summary>
public sealed record TestLogKey(string KeyId, LogSignatureAlgorithm Algorithm, byte[] Spki, Func<byte[], byte[]> Sign)
{
    public static TestLogKey Ecdsa()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new("test-ecdsa", LogSignatureAlgorithm.EcdsaP256, key.ExportSubjectPublicKeyInfo(),
            m => key.SignData(m, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public static TestLogKey Sm2()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new("test-sm2", LogSignatureAlgorithm.Sm2, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded(), m =>
        {
            var signer = new SM2Signer();
            signer.Init(true, new ParametersWithRandom(pair.Private, new SecureRandom()));
            signer.BlockUpdate(m, 0, m.Length);
            return signer.GenerateSignature();
        });
    }
}

/// <summary>
/// Small evidence packages for the export tests: a log of a few leaves (evidence items among audit
/// records), its root and inclusion proofs computed with the recursive definitions of RFC 9162 §2.1.1 and
/// §2.1.3.1 — independent of the iterative verification under test — and a tree head signed by a test key.
/// </summary>
public static class TestPackages
{
    public static readonly DateTimeOffset SignedAt = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);

    /// <summary>A package whose items sit at <paramref name="itemLeaves"/> of a log of <paramref name="treeSize"/> leaves.</summary>
    public static EvidencePackage Build(LogHasher hasher, TestLogKey key, int treeSize, params int[] itemLeaves)
    {
        var leaves = new byte[treeSize][];
        var items = new List<PackageItem>();
        for (var i = 0; i < treeSize; i++)
        {
            leaves[i] = Encoding.UTF8.GetBytes($$"""{"kind":"audit","ref":"a{{i}}"}""");
        }

        foreach (var (leaf, n) in itemLeaves.Select((leaf, n) => (leaf, n + 1)))
        {
            var original = Encoding.UTF8.GetBytes($"ORIGINAL-{n}-现场照片内容-{new string('x', 100 * n)}-END");
            var sha = Convert.ToHexStringLower(SHA256.HashData(original));
            var elements = new JsonObject
            {
                ["fact_time"] = "2026-11-20T09:15:00+08:00",
                ["place"] = $"济南市历下区泉城路 {n} 号",
                ["persons"] = new JsonArray("王小明", "李华"),
                ["form"] = "电子数据",
                ["capture_method"] = "执法记录仪拍摄",
            };
            var leafData = new JsonObject { ["kind"] = "evidence", ["ref"] = $"E{n}", ["sha256"] = sha, ["elements"] = elements.DeepClone() };
            leaves[leaf] = Encoding.UTF8.GetBytes(leafData.ToJsonString());
            items.Add(new PackageItem($"E{n}", $"现场照片{n}", elements, sha, $"photo-{n}.JPG",
                _ => Task.FromResult<Stream>(new MemoryStream(original, writable: false)), leaves[leaf], leaf, []));
        }

        var hashes = leaves.Select(l => hasher.HashLeaf(l)).ToArray();
        items = [.. items.Select(i => i with { InclusionProof = Path(hasher, (int)i.LeafIndex, hashes) })];
        var head = new TreeHead(treeSize, Root(hasher, hashes), SignedAt, hasher.Algorithm);
        return new EvidencePackage("泉城游泳馆案 证据光盘", "历卫罚〔2026〕12号", "王小明（37010777）", SignedAt.AddMinutes(5),
            new SignedTreeHead(head, key.KeyId, key.Algorithm, key.Sign(head.SigningMessage())), key.Spki, items);
    }

    /// <summary>The original bytes of an item of a package built here.</summary>
    public static async Task<byte[]> OriginalAsync(PackageItem item)
    {
        await using var stream = await item.OpenContent(CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>MTH(D[n]) of RFC 9162 §2.1.1 over leaf hashes.</summary>
    public static byte[] Root(LogHasher hasher, ReadOnlySpan<byte[]> leafHashes)
    {
        if (leafHashes.Length == 1)
        {
            return leafHashes[0];
        }

        var k = Split(leafHashes.Length);
        return hasher.HashChildren(Root(hasher, leafHashes[..k]), Root(hasher, leafHashes[k..]));
    }

    /// <summary>PATH(m, D[n]) of RFC 9162 §2.1.3.1.</summary>
    public static IReadOnlyList<byte[]> Path(LogHasher hasher, int m, ReadOnlySpan<byte[]> leafHashes)
    {
        if (leafHashes.Length == 1)
        {
            return [];
        }

        var k = Split(leafHashes.Length);
        return m < k
            ? [.. Path(hasher, m, leafHashes[..k]), Root(hasher, leafHashes[k..])]
            : [.. Path(hasher, m - k, leafHashes[k..]), Root(hasher, leafHashes[..k])];
    }

    /// <summary>The largest power of two smaller than n.</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
