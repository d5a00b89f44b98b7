using Tianmu.Common;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Inspections;

/// <summary>Inspection plans, inspections, conflicts and random draws (S10, Z4, Z8; 双随机一公开).</summary>
public static class InspectionEndpoints
{
    public static void AddInspections(this IServiceCollection services)
    {
        services.AddScoped<CurrentSupervision>();
        services.AddScoped<InspectionPlans>();
        services.AddScoped<InspectionRecords>();
        services.AddScoped<InspectionDraws>();
    }

    public static void MapInspectionEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/inspections").WithTags("双随机检查").RequireAuthorization(Authz.Staff);
        read.MapGet("/plan", async ([AsParameters] PlanQuery query, HttpContext http, InspectionPlans plans, CancellationToken ct) =>
            (await plans.ReadAsync(http.Caller(), query, ct)).ToHttp()).WithSummary("机构年度检查计划及进度（agencyId、year，缺省为本机构、本年度）");
        read.MapGet("/plan/export", PlanCsv).WithSummary("年度检查计划导出为 CSV（每个应检次数一行）");
        read.MapGet("/", async ([AsParameters] InspectionFilter filter, HttpContext http, InspectionRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的现场检查记录");
        read.MapGet("/conflicts", async (HttpContext http, InspectionRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.ConflictsAsync(http.Caller(), ct))).WithSummary("执法人员回避登记");
        read.MapGet("/draws", async (HttpContext http, InspectionDraws draws, CancellationToken ct) =>
            TypedResults.Ok(await draws.ListAsync(http.Caller(), ct))).WithSummary("管辖范围内的随机抽取（含未公开的）");
        read.MapGet("/draws/{id:guid}", async (Guid id, HttpContext http, InspectionDraws draws, CancellationToken ct) =>
            (await draws.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("随机抽取详情");
        read.MapGet("/draws/{id:guid}/pools", PoolsJson).WithSummary("随机抽取冻结的总体（JSON，其 SHA-256 即公开的总体哈希），用于复算");

        var inspectors = api.MapGroup("/inspections").WithTags("双随机检查").RequireAuthorization(Authz.Roles(InspectionRecords.Inspectors));
        inspectors.MapPost("/", async (RecordInput input, HttpContext http, InspectionRecords records, CancellationToken ct) =>
            (await records.RecordAsync(http.Caller(), input, ct)).ToCreated(i => $"/api/v1/inspections?entityId={i.EntityId}")).WithSummary("登记现场检查（两名以上执法人员）");
        inspectors.MapPost("/conflicts", async (ConflictInput input, HttpContext http, InspectionRecords records, CancellationToken ct) =>
            (await records.DeclareAsync(http.Caller(), input, ct)).ToHttp()).WithSummary("申报回避（执法人员本人；负责人可为他人登记）");

        var heads = api.MapGroup("/inspections").WithTags("双随机检查").RequireAuthorization(Authz.Roles(InspectionDraws.Drawers));
        heads.MapPost("/plan", async (PlanInput input, HttpContext http, InspectionPlans plans, CancellationToken ct) =>
            (await plans.GenerateAsync(http.Caller(), input, ct)).ToHttp()).WithSummary("按当前信用等级生成（或重新生成）年度检查计划");
        heads.MapPost("/draws", async (RandomDrawInput input, HttpContext http, InspectionDraws draws, CancellationToken ct) =>
            (await draws.CreateAsync(http.Caller(), input, ct)).ToCreated(d => $"/api/v1/inspections/draws/{d.Id}")).WithSummary("随机抽取检查对象与执法人员（tianmu-draw/1）");
        heads.MapPost("/draws/{id:guid}/publish", async (Guid id, HttpContext http, InspectionDraws draws, CancellationToken ct) =>
            (await draws.PublishAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("公开随机抽取结果");

        api.MapGet("/public/inspections", async (string? agency, InspectionDraws draws, CancellationToken ct) =>
                TypedResults.Ok(await draws.PublishedAsync(agency, ct)))
            .WithTags("公开信息").AllowAnonymous().WithSummary("已公开的双随机抽查（种子、算法、总体规模与哈希、抽中单位与执法人员、检查结果）");
    }

    /// <summary>The plan's CSV and a draw's pools at page addresses: pages sign in with the cookie, which /api does not accept.</summary>
    public static void MapInspectionFiles(this WebApplication app)
    {
        var files = app.MapGroup("/inspections").RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        files.MapGet("/plan/export", PlanCsv);
        files.MapGet("/draws/{id:guid}/pools", PoolsJson);
    }

    private static async Task<IResult> PlanCsv([AsParameters] PlanQuery query, HttpContext http, InspectionPlans plans, CancellationToken ct)
    {
        var result = await plans.ReadAsync(http.Caller(), query, ct);
        return result.Error is { } e
            ? e.ToProblem()
            : TypedResults.File(Csv.ToUtf8WithBom(InspectionPlans.ToCsv(result.Value!)), "text/csv; charset=utf-8", $"检查计划-{result.Value!.AgencyName}-{result.Value.Year}.csv");
    }

    private static async Task<IResult> PoolsJson(Guid id, HttpContext http, InspectionDraws draws, CancellationToken ct) =>
        await draws.PoolsAsync(http.Caller(), id, ct) is { } json
            ? TypedResults.Text(json, "application/json; charset=utf-8")
            : Error.NotFound("随机抽取").ToProblem();
}
