namespace Tianmu.Evidence.Log;

/// <summary>
/// The log's Merkle tree in memory (RFC 9162 §2.1): leaf hashes appended in order, and for every level k
/// the hashes of the complete, aligned subtrees of 2^k leaves. Those never change once complete, so the
/// root of any earlier size and every proof take O(log n) hashes: a proof needs at most one incomplete
/// subtree per level, the rest are looked up. Not thread-safe: the owner serializes access.
/// </summary>
public sealed class MerkleTree(LogHasher hasher)
{
    private const int H = LogHasher.HashSize;

    /// <summary>levels[k] holds the hashes of subtrees [i·2^k, (i+1)·2^k), 32 bytes each, back to back.</summary>
    private readonly List<Level> levels = [new Level()];

    public LogHasher Hasher => hasher;

    public long Count => levels[0].Count;

    /// <summary>Appends one leaf hash (HASH(0x00 || data), see <see cref="LogHasher.HashLeaf"/>).</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != H)
        {
            throw new ArgumentException($"a leaf hash has {H} bytes", nameof(leafHash));
        }

        levels[0].Add(leafHash);
        // Every complete pair closes a subtree one level up; carry upwards like a binary counter.
        var index = levels[0].Count - 1;
        for (var k = 0; (index & 1) == 1; k++)
        {
            if (levels.Count == k + 1)
            {
                levels.Add(new Level());
            }

            var parent = hasher.HashChildren(levels[k][index - 1], levels[k][index]);
            levels[k + 1].Add(parent);
            index >>= 1;
        }
    }

    public ReadOnlySpan<byte> LeafHash(long index) => levels[0][index];

    /// <summary>MTH(D[0:size]); the empty tree's root is the hash of no bytes.</summary>
    public byte[] Root(long size)
    {
        CheckSize(size);
        return size == 0 ? hasher.Hash([]) : Subtree(0, size);
    }

    /// <summary>PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of size n.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long leafIndex, long size)
    {
        CheckSize(size);
        if (leafIndex < 0 || leafIndex >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), "the leaf must be inside the tree");
        }

        // Walk from the top down; the siblings are collected top first, so reverse at the end (the path lists them leaf first).
        var path = new List<byte[]>();
        long start = 0, n = size, m = leafIndex;
        while (n > 1)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                path.Add(Subtree(start + k, n - k));
                n = k;
            }
            else
            {
                path.Add(Subtree(start, k));
                start += k;
                m -= k;
                n -= k;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: shows the tree of size m is a prefix of the tree of size n.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long firstSize, long secondSize)
    {
        CheckSize(secondSize);
        if (firstSize < 1 || firstSize > secondSize)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSize), "the first size must be between 1 and the second");
        }

        // SUBPROOF(m, D[start:start+n], b) unrolled: nodes are found top first and listed bottom first.
        var proof = new List<byte[]>();
        long start = 0, n = secondSize, m = firstSize;
        var b = true;
        while (m != n)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                proof.Add(Subtree(start + k, n - k));
                n = k;
            }
            else
            {
                proof.Add(Subtree(start, k));
                start += k;
                m -= k;
                n -= k;
                b = false;
            }
        }

        if (!b)
        {
            proof.Add(Subtree(start, n));
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>
    /// MTH(D[start:start+size]) for a subtree the RFC's recursion reaches: start is a multiple of the
    /// power of two at or above size, so it splits into complete aligned subtrees from the left.
    /// </summary>
    private byte[] Subtree(long start, long size)
    {
        if ((size & (size - 1)) == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)size);
            return levels[level][start >> level].ToArray();
        }

        var k = LargestPowerOfTwoBelow(size);
        return hasher.HashChildren(Subtree(start, k), Subtree(start + k, size - k));
    }

    private void CheckSize(long size)
    {
        if (size < 0 || size > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"the tree has {Count} leaves");
        }
    }

    /// <summary>The k of RFC 9162: the largest power of two smaller than n (n ≥ 2).</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << System.Numerics.BitOperations.Log2((ulong)(n - 1));

    /// <summary>A growable run of 32-byte hashes in one array: a million leaves are 32 MB, not a million objects.</summary>
    private sealed class Level
    {
        private byte[] data = new byte[H * 64];

        public long Count { get; private set; }

        public ReadOnlySpan<byte> this[long index] => data.AsSpan(checked((int)(index * H)), H);

        public void Add(ReadOnlySpan<byte> hash)
        {
            if ((Count + 1) * H > data.Length)
            {
                Array.Resize(ref data, checked(data.Length * 2));
            }

            hash.CopyTo(data.AsSpan(checked((int)(Count * H))));
            Count++;
        }
    }
}
