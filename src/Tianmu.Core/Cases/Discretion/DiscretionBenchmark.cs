using System.Text.Json;

namespace Tianmu.Cases.Discretion;

/// <summary>The circumstances of a case that the discretion benchmark (裁量基准, art. 34) weighs.</summary>
public sealed record Circumstances(bool FirstViolation, bool Corrected, HarmLevel Harm, int EarlierViolations)
{
    /// <summary>违法行为轻微 — the officer judges the violation itself minor (art. 33 ¶1, first sentence).</summary>
    public bool MinorViolation { get; init; }
}

public enum HarmLevel
{
    None,
    Minor,
    Serious,
}

/// <summary>A suggested penalty range and outcome, with the reasons the officer sees next to their choice.</summary>
public sealed record DiscretionSuggestion(string BenchmarkCode, string Tier, CaseOutcome Outcome, Penalty Lowest, Penalty Highest, IReadOnlyList<string> Reasons, string Basis);

/// <summary>One published benchmark: the article it applies to and its tiers, mildest first.</summary>
public sealed record Benchmark(string Code, string Law, string Article, IReadOnlyList<string> Aliases, string Title, string Basis, IReadOnlyList<BenchmarkTier> Tiers);

public sealed record BenchmarkTier(string Name, string When, Penalty Lowest, Penalty Highest);

/// <summary>
/// Published discretion benchmarks (LEGAL.md "Discretion and lenient lists"), loaded from the embedded data
/// file, matched to a catalog item's penalty basis.
/// </summary>
public static class DiscretionBenchmarks
{
    private const string NoPenaltyTier = "不予处罚";

    private static readonly Lazy<BenchmarkFile> Shipped = new(Load);

    /// <summary>Where the shipped benchmarks come from (says "verify" until a province's own benchmark is loaded).</summary>
    public static string Source => Shipped.Value.Source;

    public static IReadOnlyList<Benchmark> All => Shipped.Value.Benchmarks;

    /// <summary>The benchmark for a catalog item's penalty basis text, or null when none is published.</summary>
    /// <remarks>Matches when the text names the benchmark's law and its article (in Chinese or Arabic numerals), ignoring spaces and book-title marks.</remarks>
    public static string? Find(string penaltyBasis)
    {
        var text = Normalize(penaltyBasis);
        return All.FirstOrDefault(b => text.Contains(Normalize(b.Law), StringComparison.Ordinal)
            && b.Aliases.Prepend(b.Article).Any(a => text.Contains(Normalize(a), StringComparison.Ordinal)))?.Code;
    }

    /// <summary>
    /// The outcome and range the benchmark suggests (art. 33, 34): minor + corrected + no harm → no penalty
    /// (mandatory); first violation + corrected + at most minor harm → no penalty may be given (首违不罚, S3);
    /// otherwise a tier: corrected → 轻微, not corrected or an earlier violation → 一般, serious harm or two
    /// earlier violations → 严重.
    /// </summary>
    public static DiscretionSuggestion Suggest(string benchmarkCode, Circumstances circumstances)
    {
        var benchmark = All.FirstOrDefault(b => b.Code == benchmarkCode)
            ?? throw new ArgumentException($"Unknown discretion benchmark '{benchmarkCode}'.", nameof(benchmarkCode));
        var c = circumstances;
        var reasons = new List<string>();

        if (c.MinorViolation && c.Corrected && c.Harm == HarmLevel.None)
        {
            reasons.Add("违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚（《行政处罚法》第三十三条第一款）");
            reasons.Add("对当事人进行教育（《行政处罚法》第三十三条第三款）");
            return new(benchmark.Code, NoPenaltyTier, CaseOutcome.NoPenaltyMinor, Penalty.None, Penalty.None, reasons, benchmark.Basis);
        }

        if (c.FirstViolation && c.EarlierViolations == 0 && c.Corrected && c.Harm != HarmLevel.Serious)
        {
            reasons.Add(c.Harm == HarmLevel.None
                ? "初次违法，及时改正，未造成危害后果，可以不予行政处罚（《行政处罚法》第三十三条第一款，首违不罚清单）"
                : "初次违法，危害后果轻微并及时改正，可以不予行政处罚（《行政处罚法》第三十三条第一款，首违不罚清单）");
            reasons.Add("对当事人进行教育（《行政处罚法》第三十三条第三款）");
            return new(benchmark.Code, NoPenaltyTier, CaseOutcome.NoPenaltyFirstViolation, Penalty.None, Penalty.None, reasons, benchmark.Basis);
        }

        var tier = 0;
        if (c.Corrected)
        {
            reasons.Add("已改正");
        }
        else
        {
            tier = 1;
            reasons.Add("未改正或者逾期未改正");
        }

        if (c.EarlierViolations > 0)
        {
            tier = Math.Max(tier, 1) + (c.EarlierViolations >= 2 ? 1 : 0);
            reasons.Add($"此前有 {c.EarlierViolations} 次同类违法行为");
        }

        switch (c.Harm)
        {
            case HarmLevel.Serious:
                tier = 2;
                reasons.Add("造成严重危害后果");
                break;
            case HarmLevel.Minor:
                reasons.Add("造成轻微危害后果");
                break;
            default:
                reasons.Add("未造成危害后果");
                break;
        }

        var chosen = benchmark.Tiers[Math.Min(tier, benchmark.Tiers.Count - 1)];
        reasons.Add($"适用“{chosen.Name}”档：{chosen.When}");
        return new(benchmark.Code, chosen.Name, CaseOutcome.Penalty, chosen.Lowest, chosen.Highest, reasons, benchmark.Basis);
    }

    private static string Normalize(string text) =>
        new([.. text.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('《' or '》' or '〈' or '〉' or '<' or '>'))]);

    private static BenchmarkFile Load()
    {
        var assembly = typeof(DiscretionBenchmarks).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.Contains(".Cases.Discretion.Data.", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<BenchmarkFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new JsonException("空文档");
    }

    private sealed record BenchmarkFile(string Source, IReadOnlyList<Benchmark> Benchmarks);
}
