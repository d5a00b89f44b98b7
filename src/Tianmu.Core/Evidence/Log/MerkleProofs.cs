namespace Tianmu.Evidence.Log;

/// <summary>
/// Verification of inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 specify.
/// Used by the verify command and the tests; the exported standalone verifier repeats it in JavaScript.
/// </summary>
public static class MerkleProofs
{
    public static bool VerifyInclusion(LogHasher hasher, long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> rootHash)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = hasher.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = hasher.HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(rootHash);
    }

    /// <summary>
    /// True when the tree of <paramref name="firstSize"/> is a prefix of the tree of <paramref name="secondSize"/>.
    /// Equal sizes are consistent with an empty proof when the roots are equal.
    /// </summary>
    public static bool VerifyConsistency(LogHasher hasher, long firstSize, long secondSize, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        if (firstSize < 1 || firstSize > secondSize)
        {
            return false;
        }

        if (firstSize == secondSize)
        {
            return path.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (path.Count == 0)
        {
            return false;
        }

        var nodes = IsPowerOfTwo(firstSize) ? [firstRoot.ToArray(), .. path] : path.ToList();
        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = nodes[0];
        var sr = nodes[0];
        foreach (var c in nodes.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = hasher.HashChildren(c, fr);
                sr = hasher.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = hasher.HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    private static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;
}
