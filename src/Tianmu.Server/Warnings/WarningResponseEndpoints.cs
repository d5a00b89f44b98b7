using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Warnings;

public static class WarningResponseEndpoints
{
    public static void MapWarningResponseEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/warnings").WithTags("预警").RequireAuthorization(Authz.Staff);
        read.MapGet("/{id:guid}/responses", async (Guid id, HttpContext http, WarningResponses responses, CancellationToken ct) =>
            (await responses.ForWarningAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("相对人对该预警的回应（确认、说明、陈述申辩、整改完成），按时间先后");
        read.MapGet("/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, WarningResponses responses, CancellationToken ct) =>
            PortalWarningEndpoints.File(await responses.AttachmentAsync(http.Caller(), id, sha256, ct))).WithSummary("相对人回应所附文件（原件，读取时校验哈希）");
    }

    /// <summary>The same download for the /warnings page, which signs in with the cookie rather than a bearer token.</summary>
    public static void MapWarningResponseFiles(this WebApplication app) =>
        app.MapGet("/warnings/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, WarningResponses responses, CancellationToken ct) =>
            PortalWarningEndpoints.File(await responses.AttachmentAsync(http.Caller(), id, sha256, ct))).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
}
