using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Entities;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Documents;

/// <summary>
/// Enforcement documents (文书) for officers and the case desk: draft from the type's template with fields
/// pre-filled from the party, edit while a draft, issue (number, freeze, print to PDF, sign, store, log), and
/// read back the PDF, its signature and a verification. Everything is scoped to the caller's jurisdiction.
/// </summary>
public sealed class DocumentDesk(TianmuDb db, TimeProvider clock, IPdfRenderer pdf, DocumentSigning signing, IObjectStore store, ILogger<DocumentDesk> logger)
{
    private const int MaxFields = 100;
    private const int MaxValueLength = 20_000;
    private const int ListLimit = 500;

    public async Task<Result<DocumentView>> DraftAsync(CurrentUser caller, DraftInput input, CancellationToken ct)
    {
        if (!Enum.IsDefined(input.Type))
        {
            return UnknownType(input.Type.ToString());
        }

        if (FieldProblems(input.Fields) is { } problem)
        {
            return problem;
        }

        var entity = await ScopedEntities(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == input.EntityId, ct);
        if (entity is null)
        {
            return Error.Unprocessable("document.entity_outside_jurisdiction", "监管对象不存在或不在您的管辖范围内，不能为其制作文书。");
        }

        // The issuing agency is the caller's own (its short name opens the number); a caller without one acts for the entity's agency.
        var agencyId = caller.AgencyId ?? entity.AgencyId;
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == agencyId, ct);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DocumentFields.AgencyName] = agency.Name,
            [DocumentFields.PartyName] = entity.Name,
            [DocumentFields.PartyAddress] = entity.Address,
        };
        if (entity.CreditCode is { } creditCode)
        {
            fields[DocumentFields.PartyCreditCode] = creditCode;
        }

        foreach (var (key, value) in input.Fields ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        var (version, _) = await TemplateAsync(input.Type, ct);
        var document = new Document(Guid.NewGuid(), input.Type, agency.Id, agency.Path, entity.Id, input.CaseId, fields, version, Actor(caller), clock.GetUtcNow());
        db.Documents.Add(document);
        await db.SaveChangesAsync(ct);
        return View(document, agency.Name, entity.Name);
    }

    public async Task<Result<DocumentView>> UpdateAsync(CurrentUser caller, Guid id, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        if (FieldProblems(fields) is { } problem)
        {
            return problem;
        }

        var document = await Scoped(caller).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        var (version, _) = await TemplateAsync(document.Type, ct);
        if (!document.Edit(fields, version))
        {
            return AlreadyIssued(document);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AlreadyIssued(document); // numbered by someone else between our read and our write
        }

        return await ViewAsync(document, ct);
    }

    public async Task<Result<DocumentView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } document ? await ViewAsync(document, ct) : Error.NotFound("文书");

    /// <summary>The jurisdiction's documents of a case and/or an entity, newest first (at most 500).</summary>
    public async Task<IReadOnlyList<DocumentView>> ListAsync(CurrentUser caller, Guid? caseId, Guid? entityId, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        if (caseId is { } c)
        {
            query = query.Where(d => d.CaseId == c);
        }

        if (entityId is { } e)
        {
            query = query.Where(d => d.EntityId == e);
        }

        var documents = await query.OrderByDescending(d => d.CreatedAt).Take(ListLimit).ToListAsync(ct);
        var agencyIds = documents.Select(d => d.AgencyId).Distinct().ToList();
        var entityIds = documents.Select(d => d.EntityId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var entities = await db.Entities.AsNoTracking().Where(x => entityIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return [.. documents.Select(d => View(d, agencies[d.AgencyId], entities[d.EntityId]))];
    }

    /// <summary>The document as HTML: a draft rendered now from the current template, a numbered one exactly as frozen.</summary>
    public async Task<Result<string>> PreviewAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var document = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        if (document.Html is { } frozen)
        {
            return frozen;
        }

        var (_, template) = await TemplateAsync(document.Type, ct);
        var info = DocumentTypes.Of(document.Type);
        return DocumentTemplates.Render(template, Values(document.FieldValues(), info, info.Numbered ? "（文号于签发时生成）" : null, null));
    }

    /// <summary>
    /// 签发: numbers and freezes a draft (step a), then prints, signs, stores and marks it issued (step b); see
    /// <see cref="DocumentNumbering"/>. Issuing a numbered document completes it with its number; issuing an
    /// issued one returns it unchanged.
    /// </summary>
    public async Task<Result<DocumentView>> IssueAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var document = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        if (document.Status == DocumentStatus.Draft)
        {
            var info = DocumentTypes.Of(document.Type);
            var values = document.FieldValues();
            var missing = info.Fields.Where(f => f.Required && (!values.TryGetValue(f.Key, out var v) || string.IsNullOrWhiteSpace(v))).ToList();
            if (missing.Count > 0)
            {
                return new Error(ErrorKind.Unprocessable, "document.missing_fields", $"以下必填项尚未填写，不能签发：{string.Join("、", missing.Select(f => f.Label))}。",
                    missing.ToDictionary(f => f.Key, f => new[] { $"请填写“{f.Label}”。" }));
            }

            var numbered = await NumberAsync(document, info, ct);
            if (numbered.Error is { } error)
            {
                return error;
            }

            document = numbered.Value!;
        }

        if (document.Status == DocumentStatus.Numbered)
        {
            var completed = await CompleteAsync(caller, document, ct);
            if (completed.Error is { } error)
            {
                return error;
            }

            document = completed.Value!;
        }

        return await ViewAsync(document, ct);
    }

    public Task<Result<DocumentFile>> PdfAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        FileAsync(caller, id, d => (d.PdfSha256!, "application/pdf", FileName(d, "pdf")), ct);

    /// <summary>The PDF of an issued document the caller has already been allowed to see (the party's portal), re-hashed on the way out.</summary>
    internal Task<Result<DocumentFile>> PdfOfAsync(Document issued, CancellationToken ct) =>
        ContentAsync(issued, issued.PdfSha256!, "application/pdf", FileName(issued, "pdf"), ct);

    public Task<Result<DocumentFile>> SignatureAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        FileAsync(caller, id, d => (d.SignatureSha256!, "application/pkcs7-signature", FileName(d, "pdf.p7s")), ct);

    /// <summary>One stored file of an issued document, re-hashed on the way out.</summary>
    private async Task<Result<DocumentFile>> FileAsync(CurrentUser caller, Guid id, Func<Document, (string Sha256, string ContentType, string FileName)> which, CancellationToken ct)
    {
        var document = await IssuedAsync(caller, id, ct);
        if (document.Error is { } error)
        {
            return error;
        }

        var d = document.Value!;
        var (sha, type, name) = which(d);
        return await ContentAsync(d, sha, type, name, ct);
    }

    /// <summary>Re-reads the stored PDF and signature, re-hashes and verifies them, and looks for the document's log leaf.</summary>
    public async Task<Result<DocumentVerification>> VerifyAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var issued = await IssuedAsync(caller, id, ct);
        if (issued.Error is { } error)
        {
            return error;
        }

        var d = issued.Value!;
        var problems = new List<string>();
        byte[]? content = null;
        byte[]? signature = null;
        try
        {
            content = await store.ReadAsync(d.PdfSha256!, ct);
            if (content is null)
            {
                problems.Add("存储中找不到该文书的 PDF 文件。");
            }
        }
        catch (TamperedObjectException)
        {
            problems.Add("存储的 PDF 文件与签发时登记的 SHA-256 不符，文件已被改动。");
        }

        try
        {
            signature = await store.ReadAsync(d.SignatureSha256!, ct);
            if (signature is null)
            {
                problems.Add("存储中找不到该文书的签名文件。");
            }
        }
        catch (TamperedObjectException)
        {
            problems.Add("存储的签名文件与登记的 SHA-256 不符，文件已被改动。");
        }

        var check = content is not null && signature is not null ? signing.Verify(content, signature) : null;
        if (check is { Valid: false, Problem: { } p })
        {
            problems.Add(p);
        }

        var reference = d.Id.ToString();
        var logged = await db.LogLeaves.AsNoTracking().AnyAsync(l => l.Kind == DocumentLeafSource.KindName && l.Ref == reference, ct);
        if (!logged)
        {
            problems.Add("该文书尚未写入证据日志（可能仍在队列中，稍后再查）。");
        }

        var pdfIntact = content is not null;
        var signatureValid = check?.Valid == true;
        return new DocumentVerification(d.Id, d.Number, pdfIntact && signatureValid && logged, pdfIntact, signatureValid, logged, d.PdfSha256,
            check?.Signer, check?.Thumbprint, check?.SignedAt, problems);
    }

    /// <summary>Step (a): the counter, the number and the frozen HTML in one short transaction.</summary>
    private async Task<Result<Document>> NumberAsync(Document draft, DocumentTypeInfo info, CancellationToken ct)
    {
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == draft.EntityId, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == draft.AgencyId, ct);
        var (version, template) = await TemplateAsync(draft.Type, ct);
        var now = clock.GetUtcNow();
        var year = ChinaTime.DateOf(now).Year;
        if (info.Numbered && string.IsNullOrWhiteSpace(agency.ShortName))
        {
            return Error.Unprocessable("document.agency_short_name_missing", $"机构“{agency.Name}”未设置文书编号用简称，不能生成文号；请管理员在机构管理中补充。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? serial = info.Numbered ? await DocumentNumbering.NextSerialAsync(db, draft.AgencyId, year, draft.Type, ct) : null;
        var number = serial is { } s ? DocumentNumbers.Format(agency.ShortName, entity.Category, info.Nature!, year, s) : null;
        var document = await db.Documents.FirstAsync(d => d.Id == draft.Id, ct);
        var html = DocumentTemplates.Render(template, Values(document.FieldValues(), info, number, now));
        if (!document.Freeze(html, version, year, serial, number, now))
        {
            await transaction.RollbackAsync(ct); // numbered meanwhile: the counter goes back too
            db.ChangeTracker.Clear();
            return document;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await db.Documents.AsNoTracking().FirstAsync(d => d.Id == draft.Id, ct);
        }

        db.ChangeTracker.Clear();
        logger.LogInformation("Document {DocumentId} numbered {Serial}", document.Id, serial);
        return document;
    }

    /// <summary>Step (b): print, sign and store outside any transaction, then mark issued in a short one.</summary>
    private async Task<Result<Document>> CompleteAsync(CurrentUser caller, Document numbered, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await pdf.RenderAsync(numbered.Html!, ct);
        }
        catch (PdfUnavailableException e)
        {
            logger.LogWarning("Document {DocumentId} numbered but not rendered: {Reason}", numbered.Id, e.Message);
            var kept = numbered.Number is { } n ? $"文书已编号为 {n}，" : "文书内容已固定，";
            return Error.Unavailable("pdf.unavailable", $"{e.Message} {kept}PDF 生成服务恢复后再次签发即可完成。");
        }

        var now = clock.GetUtcNow();
        var signature = signing.Sign(bytes, now);
        var pdfSha = await store.PutAsync(new MemoryStream(bytes, writable: false), ct);
        var signatureSha = await store.PutAsync(new MemoryStream(signature, writable: false), ct);
        var document = await db.Documents.FirstAsync(d => d.Id == numbered.Id, ct);
        if (!document.Issue(pdfSha, signatureSha, Actor(caller), now))
        {
            return document; // completed by another request or node meanwhile
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await db.Documents.AsNoTracking().FirstAsync(d => d.Id == numbered.Id, ct);
        }

        logger.LogInformation("Document {DocumentId} issued, PDF {PdfSha256}", document.Id, pdfSha);
        return document;
    }

    /// <summary>The latest administrator version of the type's template, else the shipped one (version 0).</summary>
    internal async Task<(int Version, string Html)> TemplateAsync(DocumentType type, CancellationToken ct)
    {
        var latest = await db.DocumentTemplates.AsNoTracking().Where(t => t.Type == type).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        return latest is null ? (0, DocumentTemplates.Shipped(type)) : (latest.Version, latest.Html);
    }

    /// <summary>The values a template sees: the fields, then the title, number and (when none is given) the date of numbering.</summary>
    internal static Dictionary<string, string> Values(IReadOnlyDictionary<string, string> fields, DocumentTypeInfo info, string? number, DateTimeOffset? numberedAt)
    {
        var values = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            [DocumentTemplates.TitleKey] = info.Name,
        };
        if (number is not null)
        {
            values[DocumentTemplates.NumberKey] = number;
        }

        if (numberedAt is { } at && (!values.TryGetValue(DocumentFields.Date, out var date) || string.IsNullOrWhiteSpace(date)))
        {
            var day = ChinaTime.DateOf(at);
            values[DocumentFields.Date] = string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");
        }

        return values;
    }

    private async Task<Result<Document>> IssuedAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var document = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        return document.Status == DocumentStatus.Issued
            ? document
            : Error.Conflict("document.not_issued", "文书尚未签发，还没有 PDF 和签名。");
    }

    private async Task<Result<DocumentFile>> ContentAsync(Document d, string sha256, string contentType, string fileName, CancellationToken ct)
    {
        try
        {
            var bytes = await store.ReadAsync(sha256, ct);
            return bytes is null
                ? Error.Conflict("document.file_missing", "存储中找不到该文书的文件，请联系管理员。")
                : new DocumentFile(bytes, contentType, fileName);
        }
        catch (TamperedObjectException)
        {
            logger.LogError("Document {DocumentId} file {Sha256} does not match its hash", d.Id, sha256);
            return Error.Conflict("document.tampered", "该文书的存储文件与签发时登记的哈希不符，疑似被篡改，已拒绝提供。");
        }
    }

    private static string FileName(Document d, string extension) =>
        $"{DocumentTypes.Of(d.Type).Name}{(d.Number is { } n ? "-" + n : "-" + d.Id.ToString("N")[..8])}.{extension}";

    private static Error? FieldProblems(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null)
        {
            return null;
        }

        if (fields.Count > MaxFields)
        {
            return Error.Validation("fields", $"字段不能超过 {MaxFields} 个。");
        }

        foreach (var (key, value) in fields)
        {
            if (key.Length is 0 or > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                return Error.Validation("fields", $"字段名“{key}”无效：只能包含英文字母、数字、点和下划线，最长 64 个字符。");
            }

            if (value is null || value.Length > MaxValueLength)
            {
                return Error.Validation("fields." + key, $"字段“{key}”的内容不能为空值，且不能超过 {MaxValueLength} 个字符。");
            }
        }

        return null;
    }

    private static Error AlreadyIssued(Document document) =>
        Error.Conflict("document.issued", document.Number is { } n
            ? $"文书已签发（{n}），内容已固定，不能再修改。"
            : "文书已签发，内容已固定，不能再修改。");

    internal static Error UnknownType(string? type) =>
        Error.Unprocessable("document.unknown_type", $"文书类型“{type}”不存在。可用类型：{string.Join("、", DocumentTypes.List.Select(t => $"{t.Type}（{t.Name}）"))}。");

    private static string Actor(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";

    private IQueryable<Document> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Documents : j.AgencyPath is { } path ? db.Documents.Where(d => d.AgencyPath.StartsWith(path)) : db.Documents.Where(_ => false);
    }

    private IQueryable<RegulatedEntity> ScopedEntities(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Entities : j.AgencyPath is { } path ? db.Entities.Where(e => e.AgencyPath.StartsWith(path)) : db.Entities.Where(_ => false);
    }

    private async Task<DocumentView> ViewAsync(Document d, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == d.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var entity = await db.Entities.AsNoTracking().Where(e => e.Id == d.EntityId).Select(e => e.Name).FirstAsync(ct);
        return View(d, agency, entity);
    }

    private static DocumentView View(Document d, string agencyName, string entityName)
    {
        var info = DocumentTypes.Of(d.Type);
        return new DocumentView(d.Id, d.Type, info.Name, info.Numbered, d.Status, d.Status.ToChinese(), d.AgencyId, agencyName, d.EntityId, entityName, d.CaseId,
            d.FieldValues(), d.TemplateVersion, d.Year, d.Serial, d.Number, d.PdfSha256, d.SignatureSha256, d.CreatedBy, d.CreatedAt, d.NumberedAt, d.IssuedBy, d.IssuedAt);
    }
}
