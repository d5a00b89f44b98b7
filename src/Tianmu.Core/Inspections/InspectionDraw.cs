namespace Tianmu.Inspections;

/// <summary>
/// 双随机抽取 — one random draw of entities to inspect and of the officers inspecting each, under
/// <see cref="RandomDraw.Algorithm"/>: the seed, the pools frozen as JSON with their hash, and the result, so the
/// draw can be recomputed by anyone; published (公开) on the public page once a head publishes it. Never changed
/// or deleted after creation: unpublished draws stay on record too.
/// </summary>
public sealed class InspectionDraw : IAudited
{
    private InspectionDraw() { }

    public InspectionDraw(
        Guid id, Guid agencyId, string agencyPath, string? category, string seed, string poolsJson, DrawPools pools, IReadOnlyList<DrawnEntity> results,
        string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Category = category;
        Seed = seed;
        Algorithm = RandomDraw.Algorithm;
        PoolsJson = poolsJson;
        PoolHash = RandomDraw.Hash(poolsJson);
        EntityPoolSize = pools.Entities.Count;
        OfficerPoolSize = pools.Officers.Count;
        SampleSize = results.Count;
        OfficersPerEntity = pools.OfficersPerEntity;
        ResultsJson = RandomDraw.WriteResults(results);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    /// <summary>The entity category the pool was limited to (an <see cref="Entities.EntityCategory"/> name), or null for all.</summary>
    public string? Category { get; private set; }

    /// <summary>256 bits, 64 lowercase hex characters.</summary>
    public string Seed { get; private set; } = "";

    public string Algorithm { get; private set; } = "";

    /// <summary>The <see cref="DrawPools"/> as drawn from, canonical JSON.</summary>
    public string PoolsJson { get; private set; } = "";

    /// <summary>SHA-256 of <see cref="PoolsJson"/> (UTF-8), lowercase hex.</summary>
    public string PoolHash { get; private set; } = "";

    public int EntityPoolSize { get; private set; }

    public int OfficerPoolSize { get; private set; }

    public int SampleSize { get; private set; }

    public int OfficersPerEntity { get; private set; }

    /// <summary>The drawn entities and their officers (<see cref="DrawnEntity"/>), in draw order.</summary>
    public string ResultsJson { get; private set; } = "[]";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    /// <summary>Publishes the draw; false when it already is.</summary>
    public bool Publish(string by, DateTimeOffset at)
    {
        if (PublishedAt is not null)
        {
            return false;
        }

        (PublishedBy, PublishedAt) = (by, at);
        return true;
    }
}
