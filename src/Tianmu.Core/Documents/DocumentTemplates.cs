using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tianmu.Documents;

/// <summary>
/// The shipped templates (embedded Documents/Templates/{Type}.html inside layout.html) and the one renderer:
/// <c>{{key}}</c> becomes the HTML-escaped value, its line breaks become <c>&lt;br&gt;</c>; an empty value
/// becomes a blank line to write on, as on the printed forms.
/// </summary>
public static partial class DocumentTemplates
{
    public const string TitleKey = "document.title";
    public const string NumberKey = "document.number";

    /// <summary>Administrators' templates are complete HTML documents; this bounds what one may store.</summary>
    public const int MaxLength = 200_000;

    private static readonly Lazy<string> Layout = new(() => Read("layout.html"));

    /// <summary>The shipped template of a type: a complete HTML document (version 0).</summary>
    public static string Shipped(DocumentType type) =>
        Layout.Value.Replace("<!-- body -->", Read($"{type}.html").TrimEnd(), StringComparison.Ordinal);

    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) && !string.IsNullOrWhiteSpace(v)
            ? Escape(v)
            : "<span class=\"blank\">\u3000</span>");

    /// <summary>The placeholders a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> Keys(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    private static string Escape(string value)
    {
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim('\n').Split('\n');
        var html = new StringBuilder();
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            if (i > 0)
            {
                html.Append("<br>");
            }

            html.Append(WebUtility.HtmlEncode(line));
        }

        return html.ToString();
    }

    private static string Read(string name)
    {
        using var stream = typeof(DocumentTemplates).Assembly.GetManifestResourceStream($"Tianmu.Documents.Templates.{name}")
            ?? throw new InvalidOperationException($"template {name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
