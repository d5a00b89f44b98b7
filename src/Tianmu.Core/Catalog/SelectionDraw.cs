using System.Security.Cryptography;
using System.Text;

namespace Tianmu.Catalog;

/// <summary>
/// 抽取 — a seeded, reproducible draw of which entities a not-fully-covered catalog item covers, or
/// rotates through (Z5). The population (entity keys), the seed and the result are stored and
/// published, so anyone can recompute it: rank each key by SHA-256 of "seed|key" (UTF-8, lowercase
/// hex, compared as text) and take the first N.
/// </summary>
public sealed class SelectionDraw : IAudited
{
    private SelectionDraw() { }

    public SelectionDraw(Guid id, Guid itemId, Guid agencyId, string criteria, string seed, IReadOnlyList<string> population, int sampleSize, string drawnBy, DateTimeOffset drawnAt)
    {
        Id = id;
        ItemId = itemId;
        AgencyId = agencyId;
        Criteria = criteria;
        Seed = seed;
        Population = string.Join("\n", population);
        SampleSize = sampleSize;
        Selected = string.Join("\n", Draw(seed, population, sampleSize));
        DrawnBy = drawnBy;
        DrawnAt = drawnAt;
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    /// <summary>The region the draw covers (an agency's jurisdiction).</summary>
    public Guid AgencyId { get; private set; }

    /// <summary>选取标准, as published.</summary>
    public string Criteria { get; private set; } = "";

    public string Seed { get; private set; } = "";

    /// <summary>Entity keys (credit code, or entity id for individuals), one per line, sorted.</summary>
    public string Population { get; private set; } = "";

    public int SampleSize { get; private set; }

    /// <summary>The drawn keys, one per line, in draw order.</summary>
    public string Selected { get; private set; } = "";

    public string DrawnBy { get; private set; } = "";

    public DateTimeOffset DrawnAt { get; private set; }

    public static IReadOnlyList<string> Draw(string seed, IEnumerable<string> population, int sampleSize) =>
        [.. population.Distinct().Select(key => (key, rank: Rank(seed, key))).OrderBy(x => x.rank, StringComparer.Ordinal).ThenBy(x => x.key, StringComparer.Ordinal)
            .Take(sampleSize).Select(x => x.key)];

    public static string Rank(string seed, string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{key}")));
}
