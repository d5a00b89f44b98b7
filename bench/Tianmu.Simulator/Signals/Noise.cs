namespace Tianmu.Simulator.Signals;

/// <summary>
/// Deterministic noise: the same device, metric and instant always give the same value, so the signals
/// are pure functions of time (testable, and reproducible from one run to the next).
/// </summary>
public static class Noise
{
    /// <summary>A value in [-1, 1].</summary>
    public static double At(string key, DateTimeOffset instant, int salt = 0)
    {
        var h = Mix((ulong)instant.ToUnixTimeSeconds() ^ ((ulong)(uint)salt << 40) ^ Fnv(key));
        return (h >> 11) * (2.0 / (1UL << 53)) - 1.0;
    }

    /// <summary>True with the given probability, decided by the same hash.</summary>
    public static bool Chance(string key, DateTimeOffset instant, double probability, int salt = 0) =>
        (At(key, instant, salt) + 1) / 2 < probability;

    private static ulong Fnv(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    // SplitMix64 finaliser.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
