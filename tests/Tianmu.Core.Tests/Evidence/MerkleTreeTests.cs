using System.Security.Cryptography;
using Tianmu.Evidence.Log;

namespace Tianmu.Tests.Evidence;

/// <summary>
/// The tree's roots and proofs for every size 1..300 against the RFC 9162 definitions written out again
/// here as plain recursion (MTH, PATH, SUBPROOF), and checked with the verifier. Every inclusion (each
/// index of each size) and every consistency pair m ≤ n is compared, for SHA-256 and for SM3.
/// </summary>
public sealed class MerkleTreeTests
{
    private const int MaxSize = 300;

    public static TheoryData<string> Hashes => ["sha256", "sm3"];

    [Theory]
    [MemberData(nameof(Hashes))]
    public void RootsAndInclusionProofsMatchTheRfcDefinitionsForEverySize(string hashName)
    {
        var hasher = LogHasher.ForName(hashName)!;
        var reference = new Reference(hasher, Leaves(hasher, MaxSize));
        var tree = new MerkleTree(hasher);
        Assert.Equal(hasher.Hash([]), tree.Root(0));
        for (var n = 1; n <= MaxSize; n++)
        {
            tree.Append(reference.Leaves[n - 1]);
            var root = tree.Root(n);
            Assert.Equal(reference.Mth(0, n), root);
            for (var m = 0; m < n; m++)
            {
                var path = tree.InclusionProof(m, n);
                Assert.Equal(reference.Path(m, 0, n), path);
                Assert.True(MerkleProofs.VerifyInclusion(hasher, m, n, reference.Leaves[m], path, root), $"inclusion {m} in {n}");
            }
        }

        // Earlier sizes stay answerable after the tree has grown.
        for (var n = 1; n <= MaxSize; n++)
        {
            Assert.Equal(reference.Mth(0, n), tree.Root(n));
        }
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void ConsistencyProofsMatchTheRfcDefinitionsForEveryPair(string hashName)
    {
        var hasher = LogHasher.ForName(hashName)!;
        var reference = new Reference(hasher, Leaves(hasher, MaxSize));
        var tree = new MerkleTree(hasher);
        foreach (var leaf in reference.Leaves)
        {
            tree.Append(leaf);
        }

        for (var n = 1; n <= MaxSize; n++)
        {
            var second = reference.Mth(0, n);
            for (var m = 1; m <= n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                Assert.Equal(m == n ? [] : reference.SubProof(m, 0, n, true), proof);
                Assert.True(MerkleProofs.VerifyConsistency(hasher, m, n, proof, reference.Mth(0, m), second), $"consistency {m} → {n}");
            }
        }
    }

    [Fact]
    public void AlteredProofsAndLeavesFail()
    {
        var hasher = LogHasher.Sha256;
        var leaves = Leaves(hasher, 37);
        var tree = new MerkleTree(hasher);
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        var root = tree.Root(37);
        var path = tree.InclusionProof(12, 37).Select(p => (byte[])p.Clone()).ToList();
        Assert.True(MerkleProofs.VerifyInclusion(hasher, 12, 37, leaves[12], path, root));
        Assert.False(MerkleProofs.VerifyInclusion(hasher, 12, 37, leaves[13], path, root));
        Assert.False(MerkleProofs.VerifyInclusion(hasher, 13, 37, leaves[12], path, root));
        path[2][0] ^= 1;
        Assert.False(MerkleProofs.VerifyInclusion(hasher, 12, 37, leaves[12], path, root));

        var consistency = tree.ConsistencyProof(20, 37).Select(p => (byte[])p.Clone()).ToList();
        Assert.True(MerkleProofs.VerifyConsistency(hasher, 20, 37, consistency, tree.Root(20), root));
        Assert.False(MerkleProofs.VerifyConsistency(hasher, 20, 37, consistency, tree.Root(21), root));
        consistency[^1][5] ^= 1;
        Assert.False(MerkleProofs.VerifyConsistency(hasher, 20, 37, consistency, tree.Root(20), root));
    }

    [Fact]
    public void KnownAnswers()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(LogHasher.Sha256.Hash([])));
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(LogHasher.Sm3.Hash("abc"u8)));
        // RFC 9162 leaf and node prefixes: HASH(0x00 || "") and HASH(0x01 || a || b).
        Assert.Equal(SHA256.HashData([0x00]), LogHasher.Sha256.HashLeaf([]));
        var a = SHA256.HashData("a"u8);
        var b = SHA256.HashData("b"u8);
        Assert.Equal(SHA256.HashData([0x01, .. a, .. b]), LogHasher.Sha256.HashChildren(a, b));
        // The certificate-transparency test vector: the tree of the first leaf of its data set (empty input).
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(LogHasher.Sha256.HashLeaf([])));
    }

    [Fact]
    public void ProofsAtAMillionLeavesTakeWellUnderAMillisecond()
    {
        var hasher = LogHasher.Sha256;
        var tree = new MerkleTree(hasher);
        var leaf = new byte[32];
        for (var i = 0; i < 1_000_000; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            tree.Append(leaf);
        }

        var random = new Random(7);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        const int Rounds = 2000;
        for (var i = 0; i < Rounds; i++)
        {
            var size = random.NextInt64(1, tree.Count + 1);
            tree.InclusionProof(random.NextInt64(0, size), size);
            tree.ConsistencyProof(random.NextInt64(1, size + 1), size);
        }

        // Generous for a shared, busy test machine; the benchmark measures p50/p99 properly.
        Assert.True(watch.Elapsed.TotalMilliseconds / (2 * Rounds) < 1, $"{watch.Elapsed.TotalMilliseconds / (2 * Rounds):F3} ms per proof");
    }

    private static List<byte[]> Leaves(LogHasher hasher, int count) =>
        [.. Enumerable.Range(0, count).Select(i => hasher.HashLeaf(BitConverter.GetBytes(i * 7919)))];

    /// <summary>RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 as written: recursion over D[start:start+n], k the largest power of two below n.</summary>
    private sealed class Reference(LogHasher hasher, List<byte[]> leaves)
    {
        private readonly Dictionary<(int, int), byte[]> memo = [];

        public List<byte[]> Leaves => leaves;

        public byte[] Mth(int start, int n)
        {
            if (n == 1)
            {
                return leaves[start];
            }

            if (!memo.TryGetValue((start, n), out var hash))
            {
                var k = K(n);
                hash = hasher.HashChildren(Mth(start, k), Mth(start + k, n - k));
                memo[(start, n)] = hash;
            }

            return hash;
        }

        public List<byte[]> Path(int m, int start, int n)
        {
            if (n == 1)
            {
                return [];
            }

            var k = K(n);
            return m < k
                ? [.. Path(m, start, k), Mth(start + k, n - k)]
                : [.. Path(m - k, start + k, n - k), Mth(start, k)];
        }

        public List<byte[]> SubProof(int m, int start, int n, bool b)
        {
            if (m == n)
            {
                return b ? [] : [Mth(start, n)];
            }

            var k = K(n);
            return m <= k
                ? [.. SubProof(m, start, k, b), Mth(start + k, n - k)]
                : [.. SubProof(m - k, start + k, n - k, false), Mth(start, k)];
        }

        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }

            return k;
        }
    }
}
