using Tianmu.Documents;

namespace Tianmu.Server.Documents;

/// <summary>What the case desk (or the API) asks to draft: the type, the party, the case if any, and pre-filled fields (keys of <see cref="DocumentFields"/>).</summary>
public sealed record DraftInput(DocumentType Type, Guid EntityId, Guid? CaseId, IReadOnlyDictionary<string, string>? Fields);

/// <summary>The API's body for a new draft: the type by name, so an unknown one is answered in words, not a parse error.</summary>
public sealed record DraftRequest(string? Type, Guid? EntityId, Guid? CaseId, Dictionary<string, string>? Fields);

public sealed record FieldsInput(Dictionary<string, string>? Fields);

public sealed record DocumentView(
    Guid Id, DocumentType Type, string TypeName, bool Numbered, DocumentStatus Status, string StatusName,
    Guid AgencyId, string AgencyName, Guid EntityId, string EntityName, Guid? CaseId,
    IReadOnlyDictionary<string, string> Fields, int TemplateVersion, int? Year, int? Serial, string? Number,
    string? PdfSha256, string? SignatureSha256, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? NumberedAt,
    string? IssuedBy, DateTimeOffset? IssuedAt);

public sealed record DocumentFile(byte[] Content, string ContentType, string FileName);

/// <summary>The outcome of re-checking an issued document: the stored PDF against its hash, the signature over it, its log leaf.</summary>
public sealed record DocumentVerification(
    Guid Id, string? Number, bool Valid, bool PdfIntact, bool SignatureValid, bool Logged, string? PdfSha256,
    string? Signer, string? CertificateSha256, DateTimeOffset? SignedAt, IReadOnlyList<string> Problems);

public static class DocumentStatusNames
{
    public static string ToChinese(this DocumentStatus status) => status switch
    {
        DocumentStatus.Draft => "草稿",
        DocumentStatus.Numbered => "已编号（待生成 PDF）",
        DocumentStatus.Issued => "已签发",
        _ => status.ToString(),
    };
}
