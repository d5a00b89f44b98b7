using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Catalog;

public static class CatalogEndpoints
{
    /// <summary>Who records selection criteria and runs draws: administrators and heads.</summary>
    public static readonly Role[] DrawRoles = [Role.Administrator, Role.Head];

    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/catalog").WithTags("执法事项目录").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async (HttpContext http, CatalogAdmin catalog, CancellationToken ct) =>
            TypedResults.Ok(await catalog.ListAsync(http.Caller(), ct))).WithSummary("本机构及上级机构的执法事项");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, CatalogAdmin catalog, CancellationToken ct) =>
            (await catalog.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("事项详情与版本历史");
        read.MapGet("/{id:guid}/coverage", async (Guid id, Guid? agencyId, HttpContext http, CatalogCoverage coverage, CancellationToken ct) =>
            (await coverage.CoverageAsync(http.Caller(), id, agencyId, ct)).ToHttp()).WithSummary("覆盖情况（适用主体、已覆盖主体、覆盖率）");
        read.MapGet("/{id:guid}/draws", async (Guid id, HttpContext http, CatalogAdmin catalog, CatalogCoverage coverage, CancellationToken ct) =>
            (await catalog.GetAsync(http.Caller(), id, ct)).IsSuccess ? Results.Ok(await coverage.DrawsAsync(id, null, ct)) : Tianmu.Common.Error.NotFound("执法事项").ToProblem())
            .WithSummary("该事项的抽取记录");

        var write = api.MapGroup("/catalog").WithTags("执法事项目录").RequireAuthorization(Authz.Administrators);
        write.MapPost("/", async (CatalogInput input, HttpContext http, CatalogAdmin catalog, CancellationToken ct) =>
            (await catalog.CreateAsync(http.Caller(), input, ct)).ToCreated(i => $"/api/v1/catalog/{i.Id}")).WithSummary("新建事项（第 1 版草稿）");
        write.MapPut("/{id:guid}/draft", async (Guid id, CatalogInput input, HttpContext http, CatalogAdmin catalog, CancellationToken ct) =>
            (await catalog.SaveDraftAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("保存草稿（已发布的版本不变，修改形成新版本）");
        write.MapPost("/{id:guid}/publish", async (Guid id, HttpContext http, CatalogAdmin catalog, CancellationToken ct) =>
            (await catalog.PublishAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("发布草稿");

        api.MapPost("/catalog/{id:guid}/draws", async (Guid id, DrawInput input, HttpContext http, CatalogCoverage coverage, CancellationToken ct) =>
                (await coverage.DrawAsync(http.Caller(), id, input, ct)).ToCreated(d => $"/api/v1/catalog/{id}/draws"))
            .WithTags("执法事项目录").RequireAuthorization(Authz.Roles(DrawRoles)).WithSummary("记录选取标准并以公开种子抽取");
    }
}
