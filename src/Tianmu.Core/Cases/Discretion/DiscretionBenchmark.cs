namespace Tianmu.Cases.Discretion;

/// <summary>The circumstances of a case that the discretion benchmark (裁量基准, art. 34) weighs.</summary>
public sealed record Circumstances(bool FirstViolation, bool Corrected, HarmLevel Harm, int EarlierViolations);

public enum HarmLevel
{
    None,
    Minor,
    Serious,
}

/// <summary>A suggested penalty range and outcome, with the reasons the officer sees next to their choice.</summary>
public sealed record DiscretionSuggestion(string BenchmarkCode, string Tier, CaseOutcome Outcome, Penalty Lowest, Penalty Highest, IReadOnlyList<string> Reasons, string Basis);

/// <summary>
/// Published discretion benchmarks (LEGAL.md "Discretion and lenient lists"), loaded from the embedded data
/// file, matched to a catalog item's penalty basis.
/// </summary>
public static class DiscretionBenchmarks
{
    /// <summary>The benchmark for a catalog item's penalty basis text, or null when none is published.</summary>
    public static string? Find(string penaltyBasis) => throw new NotImplementedException();

    public static DiscretionSuggestion Suggest(string benchmarkCode, Circumstances circumstances) => throw new NotImplementedException();
}
