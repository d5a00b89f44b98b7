using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tianmu.Common;

namespace Tianmu.Inspections;

/// <summary>
/// 双随机一公开 — the draw "tianmu-draw/1" (docs/random-inspections.md): entities drawn from the entity pool weighted
/// by their sampling ratios (S10, Z4, Z8), then at least two officers for each drawn entity from the officer pool,
/// excluding officers in conflict with it. Deterministic from the published seed and the frozen pools alone, so
/// anyone holding them recomputes the same result.
/// </summary>
public static class RandomDraw
{
    public const string Algorithm = "tianmu-draw/1";

    /// <summary>行政处罚法 art. 42: on-site enforcement by at least two officers.</summary>
    public const int MinimumOfficers = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A fresh 256-bit seed, 64 lowercase hex characters.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The default sample size: Σ sampling ratios rounded half away from zero, at least 1, at most the pool.</summary>
    public static int DefaultSampleSize(IEnumerable<PoolEntity> entities)
    {
        var list = entities.Where(e => e.Weight > 0).ToList();
        return list.Count == 0 ? 0 : Math.Clamp((int)Math.Round(list.Sum(e => e.Weight), MidpointRounding.AwayFromZero), 1, list.Count);
    }

    /// <summary>Pools in canonical order (entities, officers and conflicts by id), as frozen and hashed.</summary>
    public static DrawPools Canonical(DrawPools pools) => pools with
    {
        Entities = [.. pools.Entities.OrderBy(e => Id(e.Id), StringComparer.Ordinal)],
        Officers = [.. pools.Officers.OrderBy(o => Id(o.Id), StringComparer.Ordinal)],
        Conflicts = [.. pools.Conflicts.OrderBy(c => Id(c.OfficerId), StringComparer.Ordinal).ThenBy(c => Id(c.EntityId), StringComparer.Ordinal)],
    };

    public static string WritePools(DrawPools pools) => JsonSerializer.Serialize(Canonical(pools), Json);

    public static DrawPools ReadPools(string json) => JsonSerializer.Deserialize<DrawPools>(json, Json) ?? throw new InvalidDataException("抽取总体为空。");

    public static string WriteResults(IReadOnlyList<DrawnEntity> results) => JsonSerializer.Serialize(results, Json);

    public static IReadOnlyList<DrawnEntity> ReadResults(string json) => JsonSerializer.Deserialize<List<DrawnEntity>>(json, Json) ?? [];

    /// <summary>SHA-256 of the frozen pools' JSON (UTF-8), lowercase hex: what the public page shows.</summary>
    public static string Hash(string poolsJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(poolsJson)));

    /// <summary>
    /// Runs the draw. Refuses the whole draw (<c>draw.too_few_officers</c>) when any drawn entity has fewer than
    /// <see cref="DrawPools.OfficersPerEntity"/> officers left once those in conflict with it are taken out.
    /// </summary>
    public static Result<IReadOnlyList<DrawnEntity>> Run(string seed, DrawPools pools)
    {
        var key = Key(seed);
        if (pools.OfficersPerEntity < MinimumOfficers)
        {
            return Error.Unprocessable("draw.too_few_officers_per_entity", $"每个检查对象至少须抽取 {MinimumOfficers} 名执法人员（《中华人民共和国行政处罚法》第四十二条）。");
        }

        var chosen = pools.Entities.Where(e => e.Weight > 0)
            .Select(e => (Entity: e, Score: Math.Log(Uniform(key, "entity:" + Id(e.Id))) / e.Weight))
            .OrderByDescending(x => x.Score).ThenBy(x => Id(x.Entity.Id), StringComparer.Ordinal)
            .Take(pools.SampleSize).Select(x => x.Entity).ToList();
        var conflicts = pools.Conflicts.Select(c => (c.OfficerId, c.EntityId)).ToHashSet();
        var results = new List<DrawnEntity>();
        foreach (var entity in chosen)
        {
            var eligible = pools.Officers.Where(o => !conflicts.Contains((o.Id, entity.Id))).ToList();
            if (eligible.Count < pools.OfficersPerEntity)
            {
                return Error.Unprocessable("draw.too_few_officers",
                    $"抽中的“{entity.Name}”排除回避人员后只剩 {eligible.Count} 名执法人员，少于每个检查对象须有的 {pools.OfficersPerEntity} 名，本次抽取不成立。请补充执法人员名录或调整范围后重新抽取。");
            }

            var officers = eligible.OrderBy(o => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"officer:{Id(entity.Id)}:{Id(o.Id)}"))), StringComparer.Ordinal)
                .Take(pools.OfficersPerEntity).ToList();
            results.Add(new DrawnEntity(entity.Id, entity.Name, entity.Weight, results.Count + 1, officers));
        }

        return results;
    }

    /// <summary>Whether <paramref name="seed"/> is 64 hex characters (256 bits).</summary>
    public static bool IsSeed(string? seed) => seed is { Length: 64 } && seed.All(Uri.IsHexDigit);

    private static byte[] Key(string seed) =>
        IsSeed(seed) ? Convert.FromHexString(seed) : throw new ArgumentException("A tianmu-draw/1 seed is 64 hex characters.", nameof(seed));

    /// <summary>u in (0, 1): the top 53 bits of the HMAC's first 8 bytes (big-endian), plus a half.</summary>
    internal static double Uniform(byte[] key, string message)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
        var bits = BinaryPrimitives.ReadUInt64BigEndian(mac) >> 11;
        return (bits + 0.5) / (1UL << 53);
    }

    private static string Id(Guid id) => id.ToString("D");
}

/// <summary>
/// What a draw is drawn from, frozen in the draw record: the entities with their weights (sampling ratios), the
/// officers, the conflicts (officer, entity, why), the sample size and the officers to draw per entity.
/// </summary>
public sealed record DrawPools(int SampleSize, int OfficersPerEntity, IReadOnlyList<PoolEntity> Entities, IReadOnlyList<PoolOfficer> Officers, IReadOnlyList<PoolConflict> Conflicts);

/// <summary>An entity of the pool; <see cref="Weight"/> is its sampling ratio under the credit model.</summary>
public sealed record PoolEntity(Guid Id, string Name, string Grade, double Weight);

public sealed record PoolOfficer(Guid Id, string Name);

/// <summary>An officer who may not inspect an entity: declared (<c>declared</c>) or who investigated a case of it in the last three years (<c>case</c>).</summary>
public sealed record PoolConflict(Guid OfficerId, Guid EntityId, string Reason);

/// <summary>A drawn entity, in draw order (1 = first), with its officers.</summary>
public sealed record DrawnEntity(Guid EntityId, string Name, double Weight, int Order, IReadOnlyList<PoolOfficer> Officers);
