using System.Security.Cryptography;
using System.Text;
using Tianmu.Inspections;

namespace Tianmu.Tests.Inspections;

/// <summary>
/// 双随机一公开 (S10, Z4, Z8): entities drawn by their sampling ratios and at least two officers each, excluding
/// conflicts, reproducibly from the published seed and the frozen pools (docs/random-inspections.md).
/// </summary>
public sealed class RandomDrawTests
{
    private static readonly PoolOfficer[] Officers = [.. Enumerable.Range(1, 6).Select(i => new PoolOfficer(Id("officer", i), $"执法人员{i}"))];

    private static string Seed(int i) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"seed-{i}")));

    private static Guid Id(string kind, int i) => new(MD5.HashData(Encoding.UTF8.GetBytes($"{kind}-{i}")));

    private static PoolEntity Entity(int i, double weight) => new(Id("entity", i), $"单位{i}", "B", weight);

    private static DrawPools Pools(int sampleSize, IReadOnlyList<PoolEntity> entities, IReadOnlyList<PoolConflict>? conflicts = null, IReadOnlyList<PoolOfficer>? officers = null) =>
        new(sampleSize, RandomDraw.MinimumOfficers, entities, officers ?? Officers, conflicts ?? []);

    private static readonly PoolEntity[] Twenty = [.. Enumerable.Range(1, 20).Select(i => Entity(i, i % 4 == 0 ? 0.5 : 0.1))];

    [Fact]
    public void TheSameSeedAndPoolsGiveTheSameDrawWhateverTheOrderTheyAreListedIn()
    {
        var first = RandomDraw.Run(Seed(1), Pools(5, Twenty)).Value!;
        var again = RandomDraw.Run(Seed(1), Pools(5, [.. Twenty.Reverse()], officers: [.. Officers.Reverse()])).Value!;
        Assert.Equal(5, first.Count);
        Assert.Equal(Describe(first), Describe(again));
    }

    [Fact]
    public void ADrawIsReproducedFromItsSeedAndFrozenPoolsAlone()
    {
        var pools = Pools(4, Twenty, [new PoolConflict(Officers[0].Id, Twenty[3].Id, "declared")]);
        var frozen = RandomDraw.WritePools(pools);
        var result = RandomDraw.WriteResults(RandomDraw.Run(Seed(7), pools).Value!);

        // Anyone with the published seed and the pools JSON (whose SHA-256 the public page shows) recomputes it.
        var reread = RandomDraw.ReadPools(frozen);
        Assert.Equal(RandomDraw.Hash(frozen), RandomDraw.Hash(RandomDraw.WritePools(reread)));
        Assert.Equal(result, RandomDraw.WriteResults(RandomDraw.Run(Seed(7), reread).Value!));
    }

    [Fact]
    public void ADifferentSeedGivesADifferentDraw()
    {
        var draws = Enumerable.Range(1, 10).Select(i => Describe(RandomDraw.Run(Seed(i), Pools(5, Twenty)).Value!)).ToList();
        Assert.Equal(10, draws.Distinct().Count());
    }

    [Fact]
    public void OfficersInConflictWithAnEntityAreNeverChosenForIt()
    {
        // Four of six officers conflict with every entity: the other two must be the ones drawn, every time.
        var conflicts = Twenty.SelectMany(e => Officers.Take(4).Select(o => new PoolConflict(o.Id, e.Id, "case"))).ToList();
        for (var i = 0; i < 50; i++)
        {
            var draw = RandomDraw.Run(Seed(i), Pools(5, Twenty, conflicts)).Value!;
            Assert.All(draw, d => Assert.Equal([Officers[4].Id, Officers[5].Id], d.Officers.Select(o => o.Id).Order()));
        }
    }

    [Fact]
    public void EveryDrawnEntityGetsAtLeastTwoDistinctOfficers()
    {
        for (var i = 0; i < 50; i++)
        {
            var draw = RandomDraw.Run(Seed(i), Pools(8, Twenty)).Value!;
            Assert.All(draw, d => Assert.Equal(2, d.Officers.Select(o => o.Id).Distinct().Count()));
        }
    }

    [Fact]
    public void TheWholeDrawIsRefusedWhenFewerThanTwoOfficersRemainForADrawnEntity()
    {
        var only = Entity(1, 0.5);
        var conflicts = Officers.Skip(1).Select(o => new PoolConflict(o.Id, only.Id, "declared")).ToList();
        var result = RandomDraw.Run(Seed(1), Pools(1, [only], conflicts));
        Assert.Equal("draw.too_few_officers", result.Error?.Code);
        Assert.Contains("单位1", result.Error!.Detail, StringComparison.Ordinal);

        var asked = RandomDraw.Run(Seed(1), new DrawPools(1, 1, [only], Officers, []));
        Assert.Equal("draw.too_few_officers_per_entity", asked.Error?.Code); // art. 42: never one officer alone
    }

    [Fact]
    public void WithOneToDrawEachEntityIsChosenInProportionToItsSamplingRatio()
    {
        // Efraimidis–Spirakis: the first key is entity i's with probability w_i / Σw. 4,000 seeds, ±0.03 (> 4σ).
        PoolEntity[] pool = [Entity(1, 0.5), Entity(2, 0.2), Entity(3, 0.2), Entity(4, 0.1), Entity(5, 0.05), Entity(6, 0.05)];
        const int Runs = 4000;
        var counts = pool.ToDictionary(e => e.Id, _ => 0);
        for (var i = 0; i < Runs; i++)
        {
            counts[RandomDraw.Run(Seed(i), Pools(1, pool)).Value![0].EntityId]++;
        }

        var total = pool.Sum(e => e.Weight);
        Assert.All(pool, e => Assert.InRange((double)counts[e.Id] / Runs, e.Weight / total - 0.03, e.Weight / total + 0.03));
    }

    [Fact]
    public void HigherSamplingRatiosAreDrawnMoreOftenAndZeroNever()
    {
        PoolEntity[] pool = [.. Enumerable.Range(1, 4).Select(i => Entity(i, 0.5)), .. Enumerable.Range(5, 4).Select(i => Entity(i, 0.05)), Entity(9, 0)];
        var hits = new Dictionary<double, int> { [0.5] = 0, [0.05] = 0, [0] = 0 };
        for (var i = 0; i < 1000; i++)
        {
            foreach (var d in RandomDraw.Run(Seed(i), Pools(RandomDraw.DefaultSampleSize(pool), pool)).Value!)
            {
                hits[d.Weight]++;
            }
        }

        Assert.Equal(2, RandomDraw.DefaultSampleSize(pool)); // round(4 × 0.5 + 4 × 0.05) = round(2.2)
        Assert.Equal(0, hits[0]);
        Assert.True(hits[0.5] > 5 * hits[0.05], $"0.5: {hits[0.5]}, 0.05: {hits[0.05]}");
    }

    [Fact]
    public void SeedsAre256BitHex()
    {
        Assert.True(RandomDraw.IsSeed(RandomDraw.NewSeed()));
        Assert.NotEqual(RandomDraw.NewSeed(), RandomDraw.NewSeed());
        Assert.Throws<ArgumentException>(() => RandomDraw.Run("abc", Pools(1, Twenty)));
    }

    private static string Describe(IEnumerable<DrawnEntity> draw) =>
        string.Join(";", draw.Select(d => $"{d.EntityId}:{string.Join(",", d.Officers.Select(o => o.Id))}"));
}
