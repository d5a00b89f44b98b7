using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Tianmu.Notifications;

/// <summary>
/// A text message in the shape Chinese SMS platforms require: a template the operator registered and had approved in
/// advance, with ${name} variables; the values for them; and the signature 【…】 the platform puts in front.
/// <see cref="Text"/> is the message as the recipient reads it — what the outbox records and what a free-text gateway is sent.
/// </summary>
public sealed partial record SmsText(string Sign, string Template, IReadOnlyDictionary<string, string> Values)
{
    private static readonly JsonSerializerOptions Format = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public string Text => $"【{Sign}】" + Variable().Replace(Template, m => Values[m.Groups[1].Value]);

    /// <summary>The values as the JSON object the outbox keeps and the gateway is sent (readable Chinese, not \u escapes).</summary>
    public string ValuesJson => JsonSerializer.Serialize(Values, Format);

    /// <summary>The template's variable names, in order of appearance, each once.</summary>
    public static IReadOnlyList<string> VariablesOf(string template) => [.. Variable().Matches(template).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>The message, refusing values that do not match the template's variables exactly (a programming error).</summary>
    public static SmsText Of(string sign, string template, IReadOnlyDictionary<string, string> values)
    {
        var expected = VariablesOf(template).Order(StringComparer.Ordinal);
        if (!expected.SequenceEqual(values.Keys.Order(StringComparer.Ordinal)))
        {
            throw new ArgumentException($"SMS template variables [{string.Join(", ", expected)}] and values [{string.Join(", ", values.Keys)}] differ.", nameof(values));
        }

        return new SmsText(sign, template, values);
    }

    [GeneratedRegex(@"\$\{(\w+)\}")]
    private static partial Regex Variable();
}
