using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Portal;

public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this RouteGroupBuilder api)
    {
        var portal = api.MapGroup("/portal").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/devices", async (HttpContext http, PortalDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.ListAsync(http.Caller(), ct))).WithSummary("本单位的设备");
        portal.MapGet("/devices/{id:guid}/confirmation", async (Guid id, HttpContext http, PortalDevices devices, CancellationToken ct) =>
            (await devices.ConfirmationAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("安装确认书全文及其 SHA-256");
        portal.MapPost("/devices/{id:guid}/confirmation", async (Guid id, ConfirmInput input, HttpContext http, PortalDevices devices, CancellationToken ct) =>
            (await devices.ConfirmAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("签署安装确认书（提交所阅读文本的 SHA-256）");
    }
}
