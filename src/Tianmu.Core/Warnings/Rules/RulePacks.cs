using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tianmu.Warnings.Rules;

/// <summary>
/// The rule packs shipped with the platform (<c>Warnings/Packs/*.json</c>, embedded): GB 37488-2019
/// swimming-pool water and indoor air, GB 5749-2022 drinking water, and the AI-video pack for
/// medical-waste stores. Each load is checked, so a pack
/// with a rule missing what its kind needs fails at start-up rather than silently never firing.
/// </summary>
public static class RulePacks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly Lazy<IReadOnlyList<RulePack>> Shipped = new(Load);

    public static IReadOnlyList<RulePack> All => Shipped.Value;

    public static RulePack? Find(string code) => All.FirstOrDefault(p => p.Code == code);

    public static RulePack Parse(Stream json)
    {
        var pack = JsonSerializer.Deserialize<RulePack>(json, Json) ?? throw new InvalidDataException("empty rule pack");
        var problems = pack.Rules.SelectMany(r => Problems(r).Select(p => $"{r.Code}: {p}")).ToList();
        if (pack.Rules.Select(r => r.Code).Distinct().Count() != pack.Rules.Count)
        {
            problems.Add("rule codes repeat");
        }

        return problems.Count == 0 ? pack : throw new InvalidDataException($"rule pack {pack.Code} v{pack.Version}: {string.Join("; ", problems)}");
    }

    /// <summary>What a rule lacks for its kind; empty when it can be evaluated.</summary>
    public static IEnumerable<string> Problems(RuleDefinition r)
    {
        if (string.IsNullOrWhiteSpace(r.Clause))
        {
            yield return "no clause cited";
        }

        var needsMetric = r.Kind is not (RuleKind.AiEventCount or RuleKind.OverdueReport);
        if (needsMetric && string.IsNullOrWhiteSpace(r.Metric))
        {
            yield return "no metric";
        }

        var problem = r.Kind switch
        {
            RuleKind.Threshold when r.Min is null && r.Max is null => "a threshold needs min or max",
            RuleKind.Threshold when r.Min >= r.Max => "min must be below max",
            RuleKind.CountInWindow when r.Count is not > 0 || r.Window is null || (r.Min is null && r.Max is null) => "count, window and min or max are needed",
            RuleKind.Trend when r.Window is null || r.Horizon is null || (r.Min is null && r.Max is null) => "window, horizon and min or max are needed",
            RuleKind.FlatLine when r.Tolerance is null || r.Duration is null => "tolerance and duration are needed",
            RuleKind.MissingData when r.Duration is null => "duration is needed",
            RuleKind.AiEventCount when r.EventType is null || r.Count is not > 0 || r.Window is null => "event type, count and window are needed",
            RuleKind.AiEventCount when Ingest.AiEvents.AiEventTypes.Find(r.EventType) is not { Violation: true } => $"event type {r.EventType} is not a recognised finding",
            RuleKind.CrossCheck when r.Tolerance is null || r.Window is null => "tolerance and window are needed",
            _ => null,
        };
        if (problem is not null)
        {
            yield return problem;
        }

        if (r.Hysteresis < 0)
        {
            yield return "hysteresis must not be negative";
        }
    }

    private static IReadOnlyList<RulePack> Load()
    {
        var assembly = typeof(RulePacks).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.Contains(".Warnings.Packs.", StringComparison.Ordinal)).Order()
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                return Parse(stream);
            })];
    }
}
