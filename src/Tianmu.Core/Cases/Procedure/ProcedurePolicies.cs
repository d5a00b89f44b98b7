using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tianmu.Cases.Procedure;

/// <summary>The versions of the procedure policy, loaded from the embedded data files (Cases/Procedure/Policies/*.json).</summary>
public static class ProcedurePolicies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Lazy<IReadOnlyList<ProcedurePolicy>> Shipped = new(Load);

    /// <summary>Every shipped version, oldest first.</summary>
    public static IReadOnlyList<ProcedurePolicy> All => Shipped.Value;

    /// <summary>
    /// The policy in force on <paramref name="date"/> (a case's filing date, or its acceptance date before filing):
    /// the latest version whose EffectiveFrom is on or before the date. A date before the first version has no
    /// rules in this system and is refused rather than judged by later rules.
    /// </summary>
    public static ProcedurePolicy For(DateOnly date) => For(All, date);

    internal static ProcedurePolicy For(IReadOnlyList<ProcedurePolicy> policies, DateOnly date) =>
        policies.LastOrDefault(p => p.EffectiveFrom <= date)
        ?? throw new ArgumentOutOfRangeException(
            nameof(date), date, $"{date:yyyy-MM-dd} 早于最早载入的处罚程序规定（{policies[0].EffectiveFrom:yyyy-MM-dd} 起施行），无法确定适用的程序规则。");

    public static ProcedurePolicy Parse(string json) =>
        JsonSerializer.Deserialize<ProcedurePolicy>(json, Json) ?? throw new JsonException("空文档");

    private static List<ProcedurePolicy> Load()
    {
        var assembly = typeof(ProcedurePolicies).Assembly;
        var policies = new List<ProcedurePolicy>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Cases.Procedure.Policies.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            policies.Add(Parse(reader.ReadToEnd()));
        }

        if (policies.Count == 0)
        {
            throw new InvalidOperationException("No procedure policy is embedded.");
        }

        return [.. policies.OrderBy(p => p.EffectiveFrom)];
    }
}
