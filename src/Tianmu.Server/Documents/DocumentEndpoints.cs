using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Documents;

public static class DocumentEndpoints
{
    /// <summary>Who drafts and issues documents.</summary>
    public static readonly Role[] Writers = [Role.Officer, Role.Head];

    /// <summary>A document's HTML shown in the page's iframe: no scripts, no requests, styles inline only.</summary>
    private const string PreviewPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/documents").WithTags("执法文书").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async (Guid? caseId, Guid? entityId, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), caseId, entityId, ct))).WithSummary("管辖范围内的文书（可按案件、监管对象筛选，最新在前，至多 500 件）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            (await desk.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("文书详情");
        read.MapGet("/{id:guid}/preview", Preview).WithSummary("文书 HTML 预览（草稿按当前模板，已编号的为固定内容）");
        read.MapGet("/{id:guid}/pdf", Pdf).WithSummary("下载已签发文书的 PDF");
        read.MapGet("/{id:guid}/signature", Signature).WithSummary("下载已签发文书的 CMS 分离签名（.p7s）");
        read.MapGet("/{id:guid}/verify", async (Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            (await desk.VerifyAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("校验：重新计算 PDF 哈希、验证签名、确认已写入证据日志");

        var write = api.MapGroup("/documents").WithTags("执法文书").RequireAuthorization(Authz.Roles(Writers));
        write.MapPost("/", async (DraftRequest input, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            {
                if (!DocumentTypes.TryParse(input.Type, out var type))
                {
                    return DocumentDesk.UnknownType(input.Type).ToProblem();
                }

                if (input.EntityId is not { } entityId)
                {
                    return Error.Validation("entityId", "请指定监管对象（entityId）。").ToProblem();
                }

                return (await desk.DraftAsync(http.Caller(), new DraftInput(type, entityId, input.CaseId, input.Fields), ct)).ToCreated(d => $"/api/v1/documents/{d.Id}");
            })
            .WithSummary("起草文书（字段按监管对象预填，可覆盖）");
        write.MapPut("/{id:guid}", async (Guid id, FieldsInput input, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            (await desk.UpdateAsync(http.Caller(), id, input.Fields ?? [], ct)).ToHttp()).WithSummary("修改草稿字段（签发后返回 409 document.issued）");
        write.MapPost("/{id:guid}/issue", async (Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
            (await desk.IssueAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("签发：编号、固定内容、生成 PDF、签名并写入证据日志");

        var templates = api.MapGroup("/document-templates").WithTags("执法文书").RequireAuthorization(Authz.Administrators);
        templates.MapGet("/", async (DocumentTemplateAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct))).WithSummary("文书模板及其当前版本");
        templates.MapGet("/{type}", async (string type, DocumentTemplateAdmin admin, CancellationToken ct) =>
            (await admin.GetAsync(type, ct)).ToHttp()).WithSummary("文书模板（当前版本的 HTML 与字段）");
        templates.MapPut("/{type}", async (string type, TemplateInput input, HttpContext http, DocumentTemplateAdmin admin, CancellationToken ct) =>
            (await admin.SaveAsync(http.Caller(), type, input, ct)).ToHttp()).WithSummary("保存文书模板的新版本（此后编号的文书使用）")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(DocumentTemplates.MaxLength * 4 + 1024));
    }

    /// <summary>The page's twins of the preview and downloads: pages sign in with the cookie, which /api does not accept.</summary>
    public static void MapDocumentFiles(this WebApplication app)
    {
        var files = app.MapGroup("/documents").RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        files.MapGet("/{id:guid}/preview", Preview);
        files.MapGet("/{id:guid}/pdf", Pdf);
        files.MapGet("/{id:guid}/signature", Signature);
    }

    internal static async Task<IResult> Preview(Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct)
    {
        var html = await desk.PreviewAsync(http.Caller(), id, ct);
        if (html.Error is { } error)
        {
            return error.ToProblem();
        }

        http.Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        return TypedResults.Content(html.Value, "text/html; charset=utf-8");
    }

    internal static async Task<IResult> Pdf(Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
        File(await desk.PdfAsync(http.Caller(), id, ct));

    internal static async Task<IResult> Signature(Guid id, HttpContext http, DocumentDesk desk, CancellationToken ct) =>
        File(await desk.SignatureAsync(http.Caller(), id, ct));

    private static IResult File(Result<DocumentFile> file) =>
        file.Value is { } f ? TypedResults.File(f.Content, f.ContentType, f.FileName) : file.Error!.ToProblem();
}
