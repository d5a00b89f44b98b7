using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Agencies;

public static class AgencyEndpoints
{
    public static void MapAgencyEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/agencies").WithTags("机构").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async (HttpContext http, AgencyAdmin agencies, CancellationToken ct) =>
            TypedResults.Ok(await agencies.ListAsync(http.Caller(), ct))).WithSummary("管辖范围内的机构");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, AgencyAdmin agencies, CancellationToken ct) =>
            (await agencies.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("机构详情");

        var write = api.MapGroup("/agencies").WithTags("机构").RequireAuthorization(Authz.Administrators);
        write.MapPost("/", async (AgencyInput input, HttpContext http, AgencyAdmin agencies, CancellationToken ct) =>
            (await agencies.CreateAsync(http.Caller(), input, ct)).ToCreated(a => $"/api/v1/agencies/{a.Id}")).WithSummary("新建下级机构");
        write.MapPut("/{id:guid}", async (Guid id, AgencyInput input, HttpContext http, AgencyAdmin agencies, CancellationToken ct) =>
            (await agencies.RenameAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("修改机构名称与简称");
    }
}
