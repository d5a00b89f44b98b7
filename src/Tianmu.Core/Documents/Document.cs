using System.Text.Json;

namespace Tianmu.Documents;

/// <summary>Where a document is in its life: editable, frozen with its number, or issued (rendered, signed, logged).</summary>
public enum DocumentStatus
{
    /// <summary>草稿 — fields editable.</summary>
    Draft,

    /// <summary>
    /// 已编号 — number assigned (numbered types) and final HTML frozen; the PDF is still being made. A document
    /// never goes back: issuing it again completes it with the same number.
    /// </summary>
    Numbered,

    /// <summary>已签发 — PDF and signature stored, hashed into the evidence log; the row no longer changes.</summary>
    Issued,
}

/// <summary>
/// 执法文书 — one enforcement document of a case or an entity. Fields are a JSON object of strings (keys from
/// <see cref="DocumentFields"/> and <see cref="DocumentTypes"/>); the HTML, year, serial and number are set when it
/// is numbered, the hashes and issuer when it is issued.
/// </summary>
public sealed class Document : IAudited
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Document() { }

    public Document(Guid id, DocumentType type, Guid agencyId, string agencyPath, Guid entityId, Guid? caseId,
        IReadOnlyDictionary<string, string> fields, int templateVersion, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Type = type;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        EntityId = entityId;
        CaseId = caseId;
        Fields = Serialize(fields);
        TemplateVersion = templateVersion;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Status = DocumentStatus.Draft;
    }

    public Guid Id { get; private set; }

    /// <summary>The issuing agency; its short name opens the number and its counter numbers the document.</summary>
    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public Guid EntityId { get; private set; }

    public Guid? CaseId { get; private set; }

    public DocumentType Type { get; private set; }

    public DocumentStatus Status { get; private set; }

    /// <summary>JSON object of string values; see <see cref="FieldValues"/>.</summary>
    public string Fields { get; private set; } = "{}";

    /// <summary>Template version used (0 = the shipped template); final once numbered.</summary>
    public int TemplateVersion { get; private set; }

    /// <summary>The final HTML, frozen when numbered (the PDF is printed from exactly this). Not in the audit trail: the log holds the PDF's hash.</summary>
    [AuditRedacted]
    public string? Html { get; private set; }

    /// <summary>China-time year of numbering.</summary>
    public int? Year { get; private set; }

    /// <summary>Serial within agency, year and type; null for unnumbered types.</summary>
    public int? Serial { get; private set; }

    /// <summary>文号, e.g. 济历卫公罚〔2026〕12号; null for unnumbered types.</summary>
    public string? Number { get; private set; }

    public string? PdfSha256 { get; private set; }

    public string? SignatureSha256 { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? NumberedAt { get; private set; }

    public string? IssuedBy { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public IReadOnlyDictionary<string, string> FieldValues() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Fields) ?? [];

    /// <summary>Replaces the fields; false once the document is no longer a draft.</summary>
    public bool Edit(IReadOnlyDictionary<string, string> fields, int templateVersion)
    {
        if (Status != DocumentStatus.Draft)
        {
            return false;
        }

        Fields = Serialize(fields);
        TemplateVersion = templateVersion;
        return true;
    }

    /// <summary>Freezes the final HTML with its number (null for unnumbered types).</summary>
    public bool Freeze(string html, int templateVersion, int year, int? serial, string? number, DateTimeOffset at)
    {
        if (Status != DocumentStatus.Draft)
        {
            return false;
        }

        (Html, TemplateVersion, Year, Serial, Number, NumberedAt, Status) = (html, templateVersion, year, serial, number, at, DocumentStatus.Numbered);
        return true;
    }

    public bool Issue(string pdfSha256, string signatureSha256, string issuedBy, DateTimeOffset at)
    {
        if (Status != DocumentStatus.Numbered)
        {
            return false;
        }

        (PdfSha256, SignatureSha256, IssuedBy, IssuedAt, Status) = (pdfSha256, signatureSha256, issuedBy, at, DocumentStatus.Issued);
        return true;
    }

    private static string Serialize(IReadOnlyDictionary<string, string> fields) =>
        JsonSerializer.Serialize(fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value), Json);
}

/// <summary>An administrator's version of a type's template (document_templates); the latest overrides the shipped one.</summary>
public sealed class DocumentTemplate
{
    private DocumentTemplate() { }

    public DocumentTemplate(DocumentType type, int version, string html, string createdBy, DateTimeOffset createdAt) =>
        (Type, Version, Html, CreatedBy, CreatedAt) = (type, version, html, createdBy, createdAt);

    public DocumentType Type { get; private set; }

    public int Version { get; private set; }

    public string Html { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
}
