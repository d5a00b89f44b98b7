namespace Tianmu.Server.Public;

/// <summary>What the public may read without signing in (行政处罚法 art. 41, Z3).</summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public").WithTags("公开信息").AllowAnonymous();
        open.MapGet("/catalog", async (string? agency, PublicCatalog catalog, CancellationToken ct) =>
            TypedResults.Ok(await catalog.ListAsync(agency, ct))).WithSummary("已发布的非现场执法事项目录（按行政区划代码，含上级机构的事项）");
        open.MapGet("/catalog/{id:guid}/versions", async (Guid id, PublicCatalog catalog, CancellationToken ct) =>
            TypedResults.Ok(await catalog.VersionsAsync(id, ct))).WithSummary("事项的历次发布版本");
        open.MapGet("/selection-draws", async (string? agency, Catalog.CatalogCoverage coverage, CancellationToken ct) =>
            TypedResults.Ok(await coverage.DrawsAsync(null, agency, ct))).WithSummary("选取标准与抽取结果（含种子与总体，可复算）");
        open.MapGet("/device-locations", async (string? agency, PublicDeviceLocations locations, CancellationToken ct) =>
            TypedResults.Ok(await locations.ListAsync(agency, ct))).WithSummary("已公布的非现场执法设备位置（可按行政区划代码筛选）");
    }
}
