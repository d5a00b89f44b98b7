namespace Tianmu.Cases.Files;

/// <summary>
/// 电子案卷 — the case file assembled when the case was archived: one PDF (cover, contents, the documents in
/// <see cref="CaseFileOrder"/>, 备考表) in the write-once object store. Written once (DB triggers refuse any
/// change) and queued for the evidence log (<see cref="CaseFileLeafSource"/>).
/// </summary>
public sealed class CaseFile
{
    private CaseFile() { }

    public CaseFile(Guid id, Guid caseId, int version, string pdfSha256, int pageCount, string assembledBy, DateTimeOffset assembledAt, string tocJson)
    {
        Id = id;
        CaseId = caseId;
        Version = version;
        PdfSha256 = pdfSha256;
        PageCount = pageCount;
        AssembledBy = assembledBy;
        AssembledAt = assembledAt;
        TocJson = tocJson;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1 for the file made at archiving; kept so that a later supplement (补充归档) is a new row, never an edit.</summary>
    public int Version { get; private set; }

    public string PdfSha256 { get; private set; } = "";

    public int PageCount { get; private set; }

    public string AssembledBy { get; private set; } = "";

    public DateTimeOffset AssembledAt { get; private set; }

    /// <summary>The 卷内目录 as JSON: [{no, title, number, date, from, to}].</summary>
    public string TocJson { get; private set; } = "[]";
}

/// <summary>One line of the 卷内目录: 序号, 文书名称, 文号, 日期, 页号 (first and last page).</summary>
public sealed record CaseFileTocEntry(int No, string Title, string? Number, string? Date, int From, int To);
