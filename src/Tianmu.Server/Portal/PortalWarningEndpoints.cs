using System.Text.Json;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Portal;

public static class PortalWarningEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapPortalWarningEndpoints(this RouteGroupBuilder api)
    {
        var portal = api.MapGroup("/portal/warnings").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/", async (bool? open, int? page, int? pageSize, HttpContext http, PortalWarnings warnings, CancellationToken ct) =>
            TypedResults.Ok(await warnings.ListAsync(http.Caller(), open, page, pageSize, ct))).WithSummary("本单位的预警（未关闭在前）");
        portal.MapGet("/{id:guid}", async (Guid id, HttpContext http, PortalWarnings warnings, CancellationToken ct) =>
            (await warnings.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("预警详情：规则、条款、触发读数、处理状态、整改期限及本单位的回应");
        portal.MapPost("/{id:guid}/responses", Respond).DisableAntiforgery()
            .WithSummary("回应预警：确认属实、说明情况、陈述申辩/异议（后两者须填写说明，不超过 2000 字）、已完成整改。JSON {kind, text, password}，或 multipart：kind、text、password 及附件 files（JPEG/PNG/PDF，至多 5 个）；password 为登录密码（再次确认）");
        portal.MapGet("/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, PortalWarnings warnings, CancellationToken ct) =>
            File(await warnings.AttachmentAsync(http.Caller(), id, sha256, ct))).WithSummary("本单位回应所附文件（原件，读取时校验哈希）");
    }

    /// <summary>The same download for the portal pages, which sign in with the cookie rather than a bearer token.</summary>
    public static void MapPortalWarningFiles(this WebApplication app) =>
        app.MapGet("/portal/warnings/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, PortalWarnings warnings, CancellationToken ct) =>
            File(await warnings.AttachmentAsync(http.Caller(), id, sha256, ct))).RequireAuthorization(Authz.Roles(Role.EntityUser)).ExcludeFromDescription();

    public static IResult File(Result<StoredFile> file) =>
        file.Value is { } f ? TypedResults.File(f.Content, f.ContentType, f.FileName) : file.Error!.ToProblem();

    private static async Task<IResult> Respond(Guid id, HttpContext http, PortalWarnings warnings, CancellationToken ct)
    {
        var (input, files, problem) = await ReadAsync(http, form => new ResponseInput(form["kind"], form["text"], form["password"]), "回应", ct);
        return problem ?? (await warnings.RespondAsync(http.Caller(), id, input!, files, ct)).ToCreated(r => $"/api/v1/portal/warnings/{id}");
    }

    /// <summary>
    /// A portal submission as JSON, or as multipart with its fields (<paramref name="fromForm"/>) and files: the input and
    /// files, or the problem to answer with.
    /// </summary>
    public static async Task<(T? Input, IReadOnlyList<ResponseFile> Files, IResult? Problem)> ReadAsync<T>(
        HttpContext http, Func<IFormCollection, T> fromForm, string what, CancellationToken ct)
        where T : class
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            return (fromForm(form), ResponseFile.From(form), null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, [], Error.UnsupportedMediaType("unsupported_media_type", $"请以 application/json 或 multipart/form-data 提交{what}。").ToProblem());
        }

        try
        {
            var input = await http.Request.ReadFromJsonAsync<T>(Json, ct);
            return (input, [], input is null ? Error.Validation("body", $"缺少{what}内容。").ToProblem() : null);
        }
        catch (JsonException e)
        {
            return (null, [], Error.Validation("body", $"请求体不是有效的 JSON（{e.Path}）。").ToProblem());
        }
    }
}
