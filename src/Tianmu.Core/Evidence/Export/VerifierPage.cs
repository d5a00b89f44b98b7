using System.Text;

namespace Tianmu.Evidence.Export;

/// <summary>
/// verify.html: the standalone verifier (inline script and style, no network). A page opened from a disc
/// through file:// may not read its sibling files, so the manifest is embedded in the page and the
/// person picks the disc's folder to have the originals re-hashed.
/// </summary>
public static class VerifierPage
{
    public const string FileName = "verify.html";

    private const string Open = "<script id=\"manifest\" type=\"application/json\">";
    private const string Placeholder = Open + "/*TIANMU-MANIFEST*/</script>";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(VerifierPage).Assembly.GetManifestResourceStream("Tianmu.Evidence.Export.verify.html")
            ?? throw new InvalidOperationException("verify.html is not embedded in Tianmu.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The page with the manifest inside; '&lt;' is escaped so no text in it can close the script element.</summary>
    public static byte[] Render(byte[] manifestJson)
    {
        var json = Encoding.UTF8.GetString(manifestJson).Replace("<", "\\u003c", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(Template.Value.Replace(Placeholder, Open + json + "</script>", StringComparison.Ordinal));
    }

    /// <summary>The manifest embedded in a page, or null when there is none.</summary>
    public static string? EmbeddedManifest(string html)
    {
        var start = html.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return end < 0 ? null : html[start..end];
    }
}
