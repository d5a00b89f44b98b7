namespace Tianmu.Server.Public;

/// <summary>What the public may read without signing in (行政处罚法 art. 41, Z3).</summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public").WithTags("公开信息").AllowAnonymous();
        open.MapGet("/device-locations", async (string? agency, PublicDeviceLocations locations, CancellationToken ct) =>
            TypedResults.Ok(await locations.ListAsync(agency, ct))).WithSummary("已公布的非现场执法设备位置（可按行政区划代码筛选）");
    }
}
