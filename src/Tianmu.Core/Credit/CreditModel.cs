using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tianmu.Credit;

/// <summary>
/// 信用风险分类分级模型 — law as data: how facts score (<see cref="Factors"/>, each factor's parameters as its
/// scorer reads them), the bands a score falls in, and what each band means for supervision (S10, Z4, Z8;
/// LEGAL.md "Credit and inspection frequency"). Versioned: every grade names the model code and version it
/// was computed under. The shipped default is <see cref="CreditModels.Default"/>; agencies may publish their own.
/// </summary>
public sealed class CreditModel
{
    public required string Code { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public required DateOnly ValidFrom { get; init; }

    /// <summary>The provisions the model implements, as shown beside every grade.</summary>
    public required string Basis { get; init; }

    /// <summary>The score before any factor: an entity with no facts at all.</summary>
    public required double BaseScore { get; init; }

    /// <summary>Best first; a score falls in the first band whose <see cref="GradeBand.MinScore"/> it reaches.</summary>
    public required IReadOnlyList<GradeBand> Grades { get; init; }

    public required SupervisionRules Supervision { get; init; }

    /// <summary>Each factor's parameters by factor code, read by the factor's scorer.</summary>
    public IReadOnlyDictionary<string, JsonElement> Factors { get; init; } = new Dictionary<string, JsonElement>();

    public GradeBand BandFor(double score) => Grades.FirstOrDefault(g => score >= g.MinScore) ?? Grades[^1];

    public GradeBand? Band(string label) => Grades.FirstOrDefault(g => g.Label == label);

    /// <summary>
    /// How often an entity of <paramref name="grade"/> is inspected on site and how likely it is drawn at random
    /// (S10: "对于守法信用等级高的行政相对人，减少现场检查的频次"; Z4). Self-monitoring — devices actually reporting and
    /// self-reports kept — earns the reduction; key supervision overrides both.
    /// </summary>
    public SupervisionLevel SupervisionFor(string grade, bool selfMonitored, bool keySupervision)
    {
        var band = Band(grade) ?? Grades[^1];
        if (keySupervision || band.KeySupervision)
        {
            return new SupervisionLevel(Math.Max(band.InspectionsPerYear, Supervision.KeySupervisionPerYear), Math.Max(band.SamplingRatio, Supervision.KeySupervisionSamplingRatio), true, false);
        }

        return selfMonitored
            ? new SupervisionLevel(Math.Max(Supervision.MinimumPerYear, band.InspectionsPerYear - Supervision.SelfMonitoredReduction), band.SamplingRatio * Supervision.SelfMonitoredSamplingFactor, false, true)
            : new SupervisionLevel(band.InspectionsPerYear, band.SamplingRatio, false, false);
    }
}

/// <summary>One grade band: its label, the lowest score in it, the risk it means and the supervision it earns.</summary>
public sealed record GradeBand(string Label, int Rank, double MinScore, RiskLevel Risk, string Description, int InspectionsPerYear, double SamplingRatio, bool KeySupervision);

/// <summary>
/// Supervision adjustments: self-monitored entities are inspected <see cref="SelfMonitoredReduction"/> times
/// fewer a year (never below <see cref="MinimumPerYear"/>) and drawn with their ratio times
/// <see cref="SelfMonitoredSamplingFactor"/>; entities on the key-supervision list at least
/// <see cref="KeySupervisionPerYear"/> times with at least <see cref="KeySupervisionSamplingRatio"/>.
/// </summary>
public sealed record SupervisionRules(int SelfMonitoredReduction, double SelfMonitoredSamplingFactor, int MinimumPerYear, int KeySupervisionPerYear, double KeySupervisionSamplingRatio);

/// <summary>What a grade means for one entity: on-site inspections a year and its sampling ratio in random draws.</summary>
public sealed record SupervisionLevel(int InspectionsPerYear, double SamplingRatio, bool KeySupervision, bool Reduced);

/// <summary>The shipped models (embedded JSON under Credit/Models).</summary>
public static class CreditModels
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static CreditModel Default { get; } = Load("default.json");

    public static CreditModel Parse(string json) =>
        JsonSerializer.Deserialize<CreditModel>(json, Json) ?? throw new InvalidDataException("信用模型为空。");

    private static CreditModel Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Tianmu.Credit.Models.{file}")
            ?? throw new InvalidOperationException($"Credit model {file} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
