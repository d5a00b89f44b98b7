using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Cases.Files;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Documents;

namespace Tianmu.Server.Cases;

/// <summary>An assembled case file: the PDF, its pages and its 卷内目录.</summary>
public sealed record AssembledCaseFile(byte[] Pdf, int Pages, IReadOnlyList<CaseFileTocEntry> Toc);

/// <summary>
/// 电子案卷 (行政处罚法 art. 47): assembles a case's file in <see cref="CaseFileOrder"/> as one PDF with continuous
/// page numbers and a 卷内目录 whose page numbers are right. How the pages are known: every section is rendered
/// alone in the very shell of the whole file (<see cref="CaseFileHtml"/>) and its PDF's pages counted; the
/// contents are numbered from those counts and the whole file rendered once. Its page total must equal the sum,
/// else nothing is stored. At archiving (<see cref="ArchiveAsync"/>, called by the Archive step inside its own
/// transaction) the PDF goes to the write-once object store and a case_files row is added; before that the file
/// can be previewed, marked 预览 on every page.
/// </summary>
public sealed partial class CaseFiles(TianmuDb db, CaseDesk desk, IPdfRenderer renderer, IObjectStore store, TimeProvider clock)
{
    /// <summary>保管期限 printed on the cover: 卫生行政处罚案卷 are kept long-term (see <see cref="CaseSteps.ArchiveRetention"/>).</summary>
    public const string Retention = "长期（三十年）";

    /// <summary>The archived file, or for a case not yet archived a preview assembled now.</summary>
    public async Task<Result<(byte[] Pdf, string FileName)>> FileAsync(CurrentUser caller, Guid caseId, CancellationToken ct)
    {
        var c = await desk.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var archived = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == caseId).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        if (archived is not null)
        {
            var bytes = await store.ReadAsync(archived.PdfSha256, ct);
            return bytes is null
                ? Error.Conflict("case_file.missing", "对象库中找不到该案卷的 PDF（或其内容与哈希不符），请联系系统管理员。")
                : (bytes, $"案卷-{c.Title}.pdf");
        }

        var preview = await AssembleAsync(c, CaseSteps.Name(caller), clock.GetUtcNow(), preview: true, ct);
        return preview.Error is { } e ? e : (preview.Value!.Pdf, $"案卷预览-{c.Title}.pdf");
    }

    /// <summary>
    /// Assembles the final file of a case being archived, stores the PDF and adds the case_files row to the
    /// caller's unit of work (saved with the Archive step, so an archived case always has its file).
    /// </summary>
    public async Task<Result<CaseFile>> ArchiveAsync(Case c, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var assembled = await AssembleAsync(c, by, now, preview: false, ct);
        if (assembled.Error is { } e)
        {
            return e;
        }

        var file = assembled.Value!;
        var sha = await store.PutAsync(new MemoryStream(file.Pdf, writable: false), ct);
        var version = await db.CaseFiles.CountAsync(f => f.CaseId == c.Id, ct) + 1;
        var row = new CaseFile(Guid.CreateVersion7(), c.Id, version, sha, file.Pages, by, now, JsonSerializer.Serialize(file.Toc, JsonSerializerOptions.Web));
        db.CaseFiles.Add(row);
        return row;
    }

    public async Task<Result<AssembledCaseFile>> AssembleAsync(Case c, string by, DateTimeOffset at, bool preview, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var party = await db.Entities.AsNoTracking().Where(e => e.Id == c.EntityId).Select(e => e.Name).FirstAsync(ct);
        var documents = (await db.Documents.AsNoTracking().Where(d => d.CaseId == c.Id && d.Status == DocumentStatus.Issued).ToListAsync(ct))
            .OrderBy(d => d.IssuedAt).ToList();
        var statements = (await db.CaseStatements.AsNoTracking().Where(s => s.CaseId == c.Id).ToListAsync(ct)).OrderBy(s => s.ReceivedAt).ToList();
        var events = (await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).ToListAsync(ct)).OrderBy(e => e.At).ToList();
        var itemIds = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == c.Id).Select(e => e.ItemId).ToListAsync(ct);
        var items = (await db.EvidenceItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToListAsync(ct)).OrderBy(i => i.FactAt).ToList();

        var parts = new List<CaseFilePart>();
        foreach (var section in CaseFileOrder.Sections)
        {
            switch (section.Kind)
            {
                case CaseFileSectionKind.Document:
                    parts.AddRange(documents.Where(d => d.Type == section.Document).Select(d =>
                        new CaseFilePart(section.Name, d.Number, Day(d.IssuedAt), CaseFileHtml.BodyOf(d.Html ?? ""))));
                    break;
                case CaseFileSectionKind.EvidenceList:
                    parts.Add(new CaseFilePart(section.Name, null, items.Count == 0 ? null : Day(items.Max(i => i.CollectedAt)), CaseFileHtml.Section(agency, section.Name,
                        CaseFileHtml.Table(["序号", "证据名称", "证据形式", "采集时间", "原件 SHA-256"],
                            items.Select((i, n) => (IReadOnlyList<string>)[(n + 1).ToString(CultureInfo.InvariantCulture), i.Title, i.Form.ToChinese(), ChinaTime.Format(i.CollectedAt), i.Sha256]),
                            hashColumn: 4))));
                    break;
                case CaseFileSectionKind.Statements when statements.Count > 0:
                    parts.Add(new CaseFilePart(section.Name, null, Day(statements[^1].ReviewedAt ?? statements[^1].ReceivedAt), CaseFileHtml.Section(agency, section.Name,
                        CaseFileHtml.Table(["序号", "收到时间及方式", "陈述申辩内容", "复核意见", "复核人及时间"],
                            statements.Select((s, n) => (IReadOnlyList<string>)[(n + 1).ToString(CultureInfo.InvariantCulture), $"{ChinaTime.Format(s.ReceivedAt)}\n{s.Channel}", s.Text,
                                s.Review is null ? "未复核" : $"{(s.Accepted == true ? "采纳" : "不予采纳")}：{s.Review}",
                                s.ReviewedAt is { } r ? $"{s.ReviewedBy}\n{ChinaTime.Format(r)}" : "—"])))));
                    break;
                case CaseFileSectionKind.ServiceAndExecution:
                    var records = events.Where(e => e.Action is nameof(CaseAction.RecordService) or nameof(CaseAction.RecordPayment)).ToList();
                    if (records.Count > 0)
                    {
                        parts.Add(new CaseFilePart(section.Name, null, Day(records[^1].At), CaseFileHtml.Section(agency, section.Name,
                            CaseFileHtml.Table(["序号", "时间", "事项", "内容", "经办人"],
                                records.Select((e, n) => (IReadOnlyList<string>)[(n + 1).ToString(CultureInfo.InvariantCulture), ChinaTime.Format(e.At), CaseText.ActionName(e.Action), Record(e), e.ActorName])))));
                    }

                    break;
            }
        }

        var decision = documents.LastOrDefault(d => d.Type is DocumentType.PenaltyDecision or DocumentType.OnTheSpotDecision or DocumentType.NoPenaltyDecision)?.Number;
        var cover = CaseFileHtml.Cover(agency, c.Title, party, decision, c.FiledOn, c.ClosedOn, Retention);
        var styles = CaseFileHtml.Styles(documents.Select(d => d.Html ?? ""));
        try
        {
            return await PaginateAsync(styles, cover, parts, p => CaseFileHtml.ClosingNote(p, documents.Count, items.Count, by, at, preview), preview, ct);
        }
        catch (PdfUnavailableException e)
        {
            return Error.Unavailable("pdf.unavailable", $"{e.Message} 案卷暂时无法生成，PDF 生成服务恢复后重试即可。");
        }
    }

    private async Task<Result<AssembledCaseFile>> PaginateAsync(string styles, string cover, List<CaseFilePart> parts, Func<int, string> closingNote, bool preview, CancellationToken ct)
    {
        // A section alone, in the shell of the whole file, takes the pages it takes there.
        Task<int> Count(string body) => PagesAsync(CaseFileHtml.Shell(styles, [body], preview), ct);
        var coverPages = Count(cover);
        var sectionPages = parts.Select(p => Count(p.Body)).ToList();
        var notePages = Count(closingNote(9999));
        await Task.WhenAll(sectionPages.Append(coverPages).Append(notePages));

        // The contents' own length depends on how many lines it has, not on the numbers in them: settle it in one or two rounds.
        var contentsPages = 1;
        IReadOnlyList<CaseFileTocEntry> toc = [];
        for (var round = 0; round < 3; round++)
        {
            toc = Toc(parts, sectionPages.Select(t => t.Result).ToList(), coverPages.Result + contentsPages, notePages.Result);
            var counted = await Count(CaseFileHtml.Contents(toc));
            if (counted == contentsPages)
            {
                break;
            }

            contentsPages = counted;
        }

        var total = toc[^1].To;
        var bodies = new List<string> { cover, CaseFileHtml.Contents(toc) };
        bodies.AddRange(parts.Select(p => p.Body));
        bodies.Add(closingNote(total));
        var pdf = await renderer.RenderAsync(CaseFileHtml.Shell(styles, bodies, preview), ct);
        var pages = CountPages(pdf);
        return pages == total
            ? new AssembledCaseFile(pdf, pages, toc)
            : Error.Conflict("case_file.pagination", $"案卷排版后共 {pages} 页，与分节计算的 {total} 页不一致，目录页号无法保证正确，已停止生成。请检查自定义文书模板的样式。");
    }

    private static List<CaseFileTocEntry> Toc(List<CaseFilePart> parts, List<int> pages, int before, int notePages)
    {
        var toc = new List<CaseFileTocEntry>();
        var next = before + 1;
        for (var i = 0; i < parts.Count; i++)
        {
            toc.Add(new CaseFileTocEntry(i + 1, parts[i].Title, parts[i].Number, parts[i].Date, next, next + pages[i] - 1));
            next += pages[i];
        }

        toc.Add(new CaseFileTocEntry(parts.Count + 1, "备考表", null, null, next, next + notePages - 1));
        return toc;
    }

    private async Task<int> PagesAsync(string html, CancellationToken ct) => CountPages(await renderer.RenderAsync(html, ct));

    /// <summary>The page objects of a PDF (Chromium writes them uncompressed: "/Type /Page", not "/Pages").</summary>
    public static int CountPages(byte[] pdf) => PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf));

    private static string Record(CaseEvent e)
    {
        using var json = JsonDocument.Parse(e.DetailsJson);
        var d = json.RootElement;
        string? S(string name) => d.TryGetProperty(name, out var v) ? v.ToString() : null;
        return e.Action == nameof(CaseAction.RecordService)
            ? $"送达方式：{S("method")}；送达日期：{S("servedOn")}"
            : $"缴款 {S("amount")} 元；缴款日期：{S("paidOn")}；尚欠 {S("outstanding")} 元";
    }

    private static string? Day(DateTimeOffset? at) => at is { } t ? CaseFileHtml.Date(ChinaTime.DateOf(t)) : null;

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();
}
