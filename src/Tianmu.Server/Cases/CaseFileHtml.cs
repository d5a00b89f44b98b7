using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Tianmu.Cases.Files;
using Tianmu.Common;
using Tianmu.Documents;

namespace Tianmu.Server.Cases;

/// <summary>One section of an assembled case file: its 卷内目录 line (without pages) and its body HTML.</summary>
public sealed record CaseFilePart(string Title, string? Number, string? Date, string Body);

/// <summary>
/// The HTML of a case file. Every section is a <c>section.cf-section</c> in the same shell (the documents' own
/// styles, de-duplicated, and the file's), so a section rendered alone takes exactly the pages it takes in the
/// whole file: sections after the first start on a new page, and none lets a margin leak out of it.
/// </summary>
public static partial class CaseFileHtml
{
    private const string Css = """
        .cf-section { display: flow-root; }
        .cf-section + .cf-section { break-before: page; page-break-before: always; }
        .cf-preview { position: fixed; top: 0; right: 0; font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; color: #c00; border: 1px solid #c00; padding: 0 0.4em; }
        .cf-cover h1 { margin-top: 3em; margin-bottom: 1.5em; }
        table.cf-list { width: 100%; border-collapse: collapse; margin: 0.8em 0; font-size: 11pt; line-height: 1.5; }
        table.cf-list th, table.cf-list td { border: 1px solid #000; padding: 0.3em 0.4em; vertical-align: top; }
        table.cf-list th { font-family: "Noto Sans CJK SC", sans-serif; font-weight: 600; text-align: center; }
        table.cf-list th, table.cf-list td.num { text-align: center; white-space: nowrap; }
        table.cf-list td.cf-hash { width: 36%; }
        .cf-hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
        """;

    /// <summary>The documents' styles (the shipped layout first) and the file's own, each once.</summary>
    public static string Styles(IEnumerable<string> documentHtml)
    {
        var styles = new List<string>();
        foreach (var html in documentHtml.Prepend(DocumentTemplates.Shipped(DocumentType.ClosingReport)))
        {
            foreach (Match m in StyleBlock().Matches(html))
            {
                var style = m.Groups[1].Value.Trim();
                if (!styles.Contains(style))
                {
                    styles.Add(style);
                }
            }
        }

        styles.Add(Css);
        return string.Join("\n", styles);
    }

    /// <summary>What is inside a frozen document's body.</summary>
    public static string BodyOf(string html) => BodyBlock().Match(html) is { Success: true } m ? m.Groups[1].Value : html;

    public static string Shell(string styles, IEnumerable<string> bodies, bool preview)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>案卷</title><style>\n")
            .Append(styles).Append("\n</style></head><body>");
        if (preview)
        {
            html.Append("<div class=\"cf-preview\">预览 · 案件未归档，非正式案卷</div>");
        }

        foreach (var body in bodies)
        {
            html.Append("<section class=\"cf-section\">").Append(body).Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }

    public static string Cover(string agency, string title, string party, string? decisionNumber, DateOnly? filedOn, DateOnly? closedOn, string retention) =>
        $"""
        <div class="cf-cover"><p class="agency">{E(agency)}</p><h1>行政处罚案卷</h1>
        <table class="form"><tr><th>案由</th><td>{E(title)}</td></tr><tr><th>当事人</th><td>{E(party)}</td></tr>
        <tr><th>处罚决定书文号</th><td>{E(decisionNumber ?? "—")}</td></tr><tr><th>立案日期</th><td>{Date(filedOn)}</td></tr>
        <tr><th>结案日期</th><td>{Date(closedOn)}</td></tr><tr><th>保管期限</th><td>{E(retention)}</td></tr></table></div>
        """;

    public static string Contents(IReadOnlyList<CaseFileTocEntry> toc)
    {
        var rows = string.Concat(toc.Select(t =>
            $"<tr><td class=\"num\">{t.No}</td><td>{E(t.Title)}</td><td>{E(t.Number ?? "—")}</td><td class=\"num\">{E(t.Date ?? "—")}</td><td class=\"num\">{Pages(t)}</td></tr>"));
        return $"""<h1>卷内目录</h1><table class="cf-list"><tr><th>序号</th><th>文书名称</th><th>文号</th><th>日期</th><th>页号</th></tr>{rows}</table>""";
    }

    public static string Pages(CaseFileTocEntry t) => t.From == t.To ? t.From.ToString(CultureInfo.InvariantCulture) : $"{t.From}-{t.To}";

    public static string Section(string agency, string title, string inner) => $"""<p class="agency">{E(agency)}</p><h1>{E(title)}</h1>{inner}""";

    public static string Table(IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows, int hashColumn = -1)
    {
        var html = new StringBuilder("<table class=\"cf-list\"><tr>");
        foreach (var h in headings)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }

        html.Append("</tr>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i == hashColumn ? "<td class=\"cf-hash\">" : i == 0 ? "<td class=\"num\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        if (!any)
        {
            html.Append("<tr><td colspan=\"").Append(headings.Count).Append("\">无</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    public static string ClosingNote(int pages, int documents, int evidence, string assembledBy, DateTimeOffset assembledAt, bool preview) =>
        $"""
        <h1>备考表</h1><table class="form">
        <tr><th>本卷情况说明</th><td class="tall">本卷共 {pages} 页（含卷宗封面、卷内目录和本备考表），收入执法文书 {documents} 份，证据 {evidence} 件（证据原件及其哈希见证据清单和证据光盘）。{(preview ? "本卷为案件未归档时生成的预览，不作为正式案卷。" : "")}</td></tr>
        <tr><th>立卷人</th><td>{E(assembledBy)}</td></tr><tr><th>立卷时间</th><td>{E(ChinaTime.Format(assembledAt))}</td></tr>
        <tr><th>检查人</th><td><span class="line"></span></td></tr></table>
        """;

    public static string Date(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string E(string s) => WebUtility.HtmlEncode(s).Replace("\n", "<br>", StringComparison.Ordinal);

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("<body[^>]*>(.*)</body>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex BodyBlock();
}
