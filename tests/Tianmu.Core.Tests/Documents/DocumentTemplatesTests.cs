using Tianmu.Documents;

namespace Tianmu.Tests.Documents;

public sealed class DocumentTemplatesTests
{
    [Fact]
    public void EveryTypeShipsAnA4TemplateWithItsFieldsAndANumberOnlyWhereNumbered()
    {
        foreach (var info in DocumentTypes.List)
        {
            var html = DocumentTemplates.Shipped(info.Type);
            var keys = DocumentTemplates.Keys(html);
            Assert.Contains("size: A4", html, StringComparison.Ordinal);
            Assert.Contains("Noto Serif CJK SC", html, StringComparison.Ordinal);
            Assert.Contains(DocumentTemplates.TitleKey, keys);
            Assert.Equal(info.Numbered, keys.Contains(DocumentTemplates.NumberKey));
            Assert.Contains("seal", html, StringComparison.Ordinal);
            Assert.All(info.Fields, f => Assert.True(keys.Contains(f.Key), $"{info.Type}: field {f.Key} is not in the template"));
        }
    }

    [Fact]
    public void ValuesAreEscapedAndLineBreaksKept()
    {
        var html = DocumentTemplates.Render("<p>{{facts}}</p><p>{{ party.name }}</p><p>{{missing}}</p>",
            new Dictionary<string, string> { ["facts"] = "第一行 <script>alert(1)</script>\r\n第二行 & “引号”", ["party.name"] = "泉城\"游泳馆\"" });
        Assert.Equal("<p>第一行 &lt;script&gt;alert(1)&lt;/script&gt;<br>第二行 &amp; “引号”</p><p>泉城&quot;游泳馆&quot;</p><p><span class=\"blank\">\u3000</span></p>", html);
    }
}
