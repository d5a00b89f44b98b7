using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Portal;

public static class PortalCreditEndpoints
{
    public static void MapPortalCreditEndpoints(this RouteGroupBuilder api)
    {
        var portal = api.MapGroup("/portal/credit").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/", async (HttpContext http, PortalCredit credit, CancellationToken ct) =>
            TypedResults.Ok(await credit.GetAsync(http.Caller(), ct))).WithSummary("本单位的信用评价（等级、风险、分数、模型版本、各因素得分及其事实）与信用修复申请及结果");
        portal.MapPost("/repairs", Apply).DisableAntiforgery()
            .WithSummary("申请信用修复：JSON {factKind, factId（信用评价中降低分数的一项事实）, statement（整改情况，不超过 2000 字）, password（登录密码，再次确认）, entityId（可选）}，或 multipart：同名字段及附件 files（JPEG/PNG/PDF，至多 5 个）");
        portal.MapGet("/repairs/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, PortalCredit credit, CancellationToken ct) =>
            PortalWarningEndpoints.File(await credit.AttachmentAsync(http.Caller(), id, sha256, ct))).WithSummary("本单位信用修复申请所附文件");
    }

    /// <summary>The same download for the portal pages, which sign in with the cookie rather than a bearer token.</summary>
    public static void MapPortalCreditFiles(this WebApplication app) =>
        app.MapGet("/portal/credit/repairs/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, PortalCredit credit, CancellationToken ct) =>
            PortalWarningEndpoints.File(await credit.AttachmentAsync(http.Caller(), id, sha256, ct))).RequireAuthorization(Authz.Roles(Role.EntityUser)).ExcludeFromDescription();

    private static async Task<IResult> Apply(HttpContext http, PortalCredit credit, CancellationToken ct)
    {
        var (input, files, problem) = await PortalWarningEndpoints.ReadAsync(http, Form, "信用修复申请", ct);
        return problem ?? (await credit.ApplyAsync(http.Caller(), input!, files, ct)).ToCreated(_ => "/api/v1/portal/credit");
    }

    /// <summary>The application from a multipart form: factKind and factId, or the page's one choice fact = "kind:id".</summary>
    public static RepairInput Form(IFormCollection form)
    {
        var choice = form["fact"].ToString().Split(':', 2);
        var (kind, id) = choice.Length == 2 ? (choice[0], choice[1]) : (form["factKind"].ToString(), form["factId"].ToString());
        return new RepairInput(kind, Guid.TryParse(id, out var fact) ? fact : null, form["statement"], form["password"],
            Guid.TryParse(form["entityId"], out var entity) ? entity : null);
    }
}
