using System.Text.Json;

namespace Tianmu.Credit;

/// <summary>How contributions are stored in <see cref="CreditGrade.ContributionsJson"/>: camelCase, Chinese unescaped.</summary>
public static class CreditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IReadOnlyList<CreditContribution> contributions) => JsonSerializer.Serialize(contributions, Options);

    public static IReadOnlyList<CreditContribution> Read(string json) => JsonSerializer.Deserialize<List<CreditContribution>>(json, Options) ?? [];
}
