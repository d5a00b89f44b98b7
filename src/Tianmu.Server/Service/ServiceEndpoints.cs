using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Service;

public static class ServiceEndpoints
{
    /// <summary>Who serves documents and records confirmations signed on paper: the officers and heads who issue them.</summary>
    public static readonly Role[] Servers = [Role.Officer, Role.Head];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapServiceEndpoints(this RouteGroupBuilder api)
    {
        var address = api.MapGroup("/portal/service-address").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        address.MapGet("/", async (HttpContext http, ServiceAddresses addresses, CancellationToken ct) =>
            TypedResults.Ok(await addresses.MineAsync(http.Caller(), ct))).WithSummary("本单位的送达地址确认书：当前有效的一份及历次确认（含签署全文）");
        address.MapPost("/preview", async (ServiceAddressInput input, HttpContext http, ServiceAddresses addresses, CancellationToken ct) =>
            (await addresses.PreviewAsync(http.Caller(), input, ct)).ToHttp()).WithSummary("按填写内容生成送达地址确认书全文及其 SHA-256（签署前阅读）");
        address.MapPost("/", async (ServiceAddressInput input, HttpContext http, ServiceAddresses addresses, CancellationToken ct) =>
            (await addresses.SignAsync(http.Caller(), input, ct)).ToCreated(_ => "/api/v1/portal/service-address"))
            .WithSummary("签署送达地址确认书：提交所阅读文本的 SHA-256、agree=true 及登录密码；新确认书取代原确认书");

        var documents = api.MapGroup("/portal/documents").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        documents.MapGet("/", async (HttpContext http, PortalDocuments portal, CancellationToken ct) =>
            TypedResults.Ok(await portal.ListAsync(http.Caller(), ct))).WithSummary("送达本单位的文书（最新在前）");
        documents.MapGet("/{id:guid}", async (Guid id, HttpContext http, PortalDocuments portal, CancellationToken ct) =>
            (await portal.OpenAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("文书详情（首次查阅时间随之记录）");
        documents.MapGet("/{id:guid}/pdf", PortalPdf).WithSummary("下载文书 PDF（首次查阅时间随之记录）");

        var staff = api.MapGroup("").WithTags("送达").RequireAuthorization(Authz.Staff);
        staff.MapGet("/entities/{id:guid}/service-address", async (Guid id, HttpContext http, ServiceAddresses addresses, CancellationToken ct) =>
            (await addresses.ForEntityAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("监管对象当前的送达地址确认书及历次确认（手机、邮箱已隐去部分）");
        staff.MapGet("/documents/{id:guid}/service", async (Guid id, HttpContext http, ServiceDesk desk, CancellationToken ct) =>
            (await desk.ForDocumentAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("文书的送达记录");
        staff.MapGet("/cases/{id:guid}/service", async (Guid id, HttpContext http, ServiceDesk desk, CancellationToken ct) =>
            (await desk.ForCaseAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("案件的送达：应送达的文书、送达记录、当事人的送达地址确认书");
        staff.MapGet("/service/{id:guid}/attachment", Attachment).WithSummary("送达记录所附照片、视频或扫描件");
        staff.MapGet("/service/confirmations/{id:guid}/scan", Scan).WithSummary("纸质送达地址确认书的扫描件");
        staff.MapGet("/publications", async (HttpContext http, DecisionPublications publications, CancellationToken ct) =>
            TypedResults.Ok(await publications.ListAsync(http.Caller(), ct))).WithSummary("已公开的处罚决定及撤回期限");

        var serve = api.MapGroup("").WithTags("送达").RequireAuthorization(Authz.Roles(Servers));
        serve.MapPost("/documents/{id:guid}/service/electronic", async (Guid id, HttpContext http, ServiceDesk desk, CancellationToken ct) =>
            (await desk.ServeElectronicallyAsync(http.Caller(), id, ct)).ToHttp())
            .WithSummary("电子送达：按当事人签署的送达地址确认书送达；未签署或未同意电子送达时拒绝（service.no_confirmation / service.no_consent）");
        serve.MapPost("/documents/{id:guid}/service", RecordService).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ServiceFiles.MaxRequestBytes))
            .WithSummary("记录其他方式送达（直接、邮寄、留置、公告、委托）及其证据。JSON，或 multipart 附照片、视频、扫描件（file）");
        serve.MapPost("/entities/{id:guid}/service-address", RecordPaper).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ServiceFiles.MaxDocumentBytes + (1024 * 1024)))
            .WithSummary("录入当事人现场书面签署的送达地址确认书。JSON，或 multipart 附扫描件（scan）");

        var heads = api.MapGroup("").WithTags("送达").RequireAuthorization(Authz.Roles(Role.Head));
        heads.MapPost("/documents/{id:guid}/publication", async (Guid id, HttpContext http, DecisionPublications publications, CancellationToken ct) =>
            (await publications.PublishAsync(http.Caller(), id, ct)).ToCreated(p => $"/api/v1/publications")).WithSummary("在机构公开页面公开行政处罚决定（行政处罚法第四十八条），并告知当事人公开网址");
        heads.MapPost("/publications/{id:guid}/change", async (Guid id, WithdrawalInput input, HttpContext http, DecisionPublications publications, CancellationToken ct) =>
            (await publications.RecordChangeAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("记录公开的决定被变更、撤销或确认违法、无效，撤回期限（三个工作日）起算");
        heads.MapPost("/publications/{id:guid}/withdrawal", async (Guid id, WithdrawalInput input, HttpContext http, DecisionPublications publications, CancellationToken ct) =>
            (await publications.WithdrawAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("撤回公开的决定并说明理由");

        api.MapGet("/public/decisions", async (string? agency, DecisionPublications publications, CancellationToken ct) =>
            TypedResults.Ok(await publications.PublicAsync(agency, ct))).AllowAnonymous().WithTags("信息公开").WithSummary("公开的行政处罚决定（自然人信息已隐去；已撤回的仅显示撤回说明）");
    }

    /// <summary>The pages' twins of the downloads: pages sign in with the cookie, which /api does not accept.</summary>
    public static void MapServiceFiles(this WebApplication app)
    {
        app.MapGet("/portal/documents/{id:guid}/pdf", PortalPdf).RequireAuthorization(Authz.Roles(Role.EntityUser)).ExcludeFromDescription();
        app.MapGet("/service/{id:guid}/attachment", Attachment).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        app.MapGet("/service/confirmations/{id:guid}/scan", Scan).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
    }

    private static async Task<IResult> PortalPdf(Guid id, HttpContext http, PortalDocuments portal, CancellationToken ct)
    {
        var file = await portal.PdfAsync(http.Caller(), id, ct);
        return file.Value is { } f ? TypedResults.File(f.Content, f.ContentType, f.FileName) : file.Error!.ToProblem();
    }

    private static async Task<IResult> Attachment(Guid id, HttpContext http, ServiceDesk desk, CancellationToken ct) =>
        PortalWarningEndpoints.File(await desk.AttachmentAsync(http.Caller(), id, ct));

    private static async Task<IResult> Scan(Guid id, HttpContext http, ServiceAddresses addresses, CancellationToken ct) =>
        PortalWarningEndpoints.File(await addresses.ScanAsync(http.Caller(), id, ct));

    private static async Task<IResult> RecordService(Guid id, HttpContext http, ServiceDesk desk, CancellationToken ct)
    {
        var (input, file, error) = await ReadAsync(http, "file", form => new RecordServiceInput(
            Text(form, "method"), Text(form, "recipient"), Date(form, "signedOn"), Text(form, "trackingNumber"), Date(form, "leftOn"), Text(form, "refusalReason"),
            Text(form, "witnesses"), Date(form, "publishedOn"), Text(form, "publishedWhere"), Text(form, "reason"), Text(form, "entrustedAgency"),
            QueryValueGuid(form["evidenceItemId"]), Text(form, "note")), ct);
        return error is not null ? error.ToProblem() : (await desk.RecordAsync(http.Caller(), id, input!, file, ct)).ToHttp();
    }

    private static async Task<IResult> RecordPaper(Guid id, HttpContext http, ServiceAddresses addresses, CancellationToken ct)
    {
        var (input, file, error) = await ReadAsync(http, "scan", form => new PaperAddressInput(
            Text(form, "address"), Text(form, "method"), form["electronicConsent"] == "true", Text(form, "portalAccount"), Text(form, "phone"), Text(form, "email"),
            Text(form, "signerName")), ct);
        return error is not null ? error.ToProblem() : (await addresses.RecordPaperAsync(http.Caller(), id, input!, file, ct)).ToCreated(_ => $"/api/v1/entities/{id}/service-address");
    }

    /// <summary>A body as JSON, or as multipart form fields with one file under <paramref name="fileField"/>.</summary>
    private static async Task<(T? Input, ResponseFile? File, Error? Error)> ReadAsync<T>(HttpContext http, string fileField, Func<IFormCollection, T> fromForm, CancellationToken ct)
        where T : class
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            return (fromForm(form), FileOf(form, fileField), null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, null, Error.UnsupportedMediaType("unsupported_media_type", "请以 application/json 或 multipart/form-data 提交。"));
        }

        try
        {
            var input = await http.Request.ReadFromJsonAsync<T>(Json, ct);
            return input is null ? (null, null, Error.Validation("body", "缺少请求内容。")) : (input, null, null);
        }
        catch (JsonException e)
        {
            return (null, null, Error.Validation("body", $"请求体不是有效的 JSON（{e.Path}）。"));
        }
    }

    /// <summary>The named file of a form (a page's form or an API's multipart body), if one was chosen.</summary>
    public static ResponseFile? FileOf(IFormCollection form, string field)
    {
        if (form.Files.GetFile(field) is not { Length: > 0 } f)
        {
            return null;
        }

        var name = Path.GetFileName(f.FileName.Replace('\\', '/')).Trim(); // shown, never used as a path
        return new ResponseFile(name.Length == 0 ? "附件" : name.Length > 100 ? name[^100..] : name, f.ContentType, f.OpenReadStream);
    }

    public static string? Text(IFormCollection form, string key) => string.IsNullOrWhiteSpace(form[key]) ? null : form[key].ToString();

    public static DateOnly? Date(IFormCollection form, string key) =>
        DateOnly.TryParseExact(form[key].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static Guid? QueryValueGuid(string? value) => Guid.TryParse(value, out var g) ? g : null;
}
