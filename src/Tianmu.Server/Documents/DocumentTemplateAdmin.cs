using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Documents;

public sealed record TemplateSummary(DocumentType Type, string Name, bool Numbered, int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt);

public sealed record TemplateView(DocumentType Type, string Name, bool Numbered, int Version, string Html, IReadOnlyList<DocumentField> Fields, string? UpdatedBy, DateTimeOffset? UpdatedAt);

public sealed record TemplateInput(string? Html);

/// <summary>
/// Administrators' versions of the document templates: each save appends a version; the latest overrides the
/// shipped template for documents numbered from then on. Documents already numbered keep their frozen HTML.
/// </summary>
public sealed class DocumentTemplateAdmin(TianmuDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        var latest = (await db.DocumentTemplates.AsNoTracking().Select(t => new { t.Type, t.Version, t.CreatedBy, t.CreatedAt }).ToListAsync(ct))
            .GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Version)!);
        return [.. DocumentTypes.List.Select(info => latest.TryGetValue(info.Type, out var t)
            ? new TemplateSummary(info.Type, info.Name, info.Numbered, t.Version, t.CreatedBy, t.CreatedAt)
            : new TemplateSummary(info.Type, info.Name, info.Numbered, 0, null, null))];
    }

    public async Task<Result<TemplateView>> GetAsync(string type, CancellationToken ct)
    {
        if (!DocumentTypes.TryParse(type, out var parsed))
        {
            return DocumentDesk.UnknownType(type);
        }

        var info = DocumentTypes.Of(parsed);
        var latest = await db.DocumentTemplates.AsNoTracking().Where(t => t.Type == parsed).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        return latest is null
            ? new TemplateView(parsed, info.Name, info.Numbered, 0, DocumentTemplates.Shipped(parsed), info.Fields, null, null)
            : new TemplateView(parsed, info.Name, info.Numbered, latest.Version, latest.Html, info.Fields, latest.CreatedBy, latest.CreatedAt);
    }

    public async Task<Result<TemplateView>> SaveAsync(CurrentUser caller, string type, TemplateInput input, CancellationToken ct)
    {
        if (!DocumentTypes.TryParse(type, out var parsed))
        {
            return DocumentDesk.UnknownType(type);
        }

        var errors = new FieldErrors().Required("html", input.Html, "模板 HTML", DocumentTemplates.MaxLength);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var next = (await db.DocumentTemplates.Where(t => t.Type == parsed).Select(t => (int?)t.Version).MaxAsync(ct) ?? 0) + 1;
        db.DocumentTemplates.Add(new DocumentTemplate(parsed, next, input.Html!, $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Error.Conflict("document_template.conflict", "另一位管理员刚刚保存了该模板，请刷新后再修改。");
        }

        return await GetAsync(parsed.ToString(), ct);
    }

    /// <summary>The template filled with each field's label, for the editor's preview.</summary>
    public static string Sample(DocumentType type, string html)
    {
        var info = DocumentTypes.Of(type);
        var values = info.Fields.ToDictionary(f => f.Key, f => $"【{f.Label}】");
        values[DocumentTemplates.TitleKey] = info.Name;
        values[DocumentTemplates.NumberKey] = info.Numbered ? DocumentNumbers.Format("济历", Tianmu.Entities.EntityCategory.PublicPlace, info.Nature!, 2026, 1) : "";
        return DocumentTemplates.Render(html, values);
    }
}
