using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Warnings.Analysis;

namespace Tianmu.Server.Warnings;

public static class WarningEndpoints
{
    /// <summary>Who handles warnings.</summary>
    public static readonly Role[] Handlers = [Role.Officer, Role.Head];

    public static void MapWarningEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/warnings").WithTags("预警").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] WarningFilter filter, HttpContext http, WarningDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的预警（未关闭在前）");
        read.MapGet("/analysis", async (DateOnly? from, DateOnly? to, int? trendHours, HttpContext http, WarningAnalysis analysis, CancellationToken ct) =>
                (await analysis.AnalyseAsync(http.Caller(), from, to, trendHours, ct)).ToHttp())
            .WithSummary("大数据预警分析：期间内（默认最近 30 天）按类别、规则、地区逐日（超过 62 天逐周）统计，重复预警的监管对象，趋向超限的地区与设备，签收时效");
        read.MapGet("/analysis/export", Export)
            .WithSummary("大数据预警分析导出为 CSV（UTF-8，中文表头）：table = periods 按期间统计、repeated 重复预警、trending 趋向超限地区、sliding 趋向超限设备、responses 签收时效");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, WarningDesk desk, CancellationToken ct) =>
            (await desk.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("预警详情（规则、条款、触发读数）");

        api.MapPost("/warnings/{id:guid}/actions", async (Guid id, WarningActionInput input, HttpContext http, WarningDesk desk, CancellationToken ct) =>
                (await desk.ActAsync(http.Caller(), id, input, ct)).ToHttp())
            .WithTags("预警").RequireAuthorization(Authz.Roles(Handlers))
            .WithSummary("签收、开始核查、误报关闭（须填原因）、责令整改（须填期限）、转为线索");
        api.MapPost("/warnings/{id:guid}/assignee", async (Guid id, WarningAssignment input, HttpContext http, WarningDesk desk, CancellationToken ct) =>
                (await desk.AssignAsync(http.Caller(), id, input, ct)).ToHttp())
            .WithTags("预警").RequireAuthorization(Authz.Roles(Role.Head))
            .WithSummary("机构负责人将预警指派给本机构执法人员");
    }

    /// <summary>The same export for the analysis page, which signs in with the cookie rather than a bearer token.</summary>
    public static void MapWarningAnalysisExport(this WebApplication app) =>
        app.MapGet("/warnings/analysis/export", Export).RequireAuthorization(Authz.Staff).ExcludeFromDescription();

    private static async Task<IResult> Export(string? table, DateOnly? from, DateOnly? to, int? trendHours, HttpContext http, WarningAnalysis analysis, CancellationToken ct)
    {
        if (table is null || !AnalysisCsv.Tables.TryGetValue(table, out var name))
        {
            return Error.Validation("table", "table 须为 periods、repeated、trending、sliding 或 responses。").ToProblem();
        }

        var result = await analysis.AnalyseAsync(http.Caller(), from, to, trendHours, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var a = result.Value!;
        return TypedResults.File(Csv.ToUtf8WithBom(AnalysisCsv.Write(a, table)), "text/csv; charset=utf-8",
            $"预警分析-{name}-{a.From:yyyyMMdd}-{a.To:yyyyMMdd}.csv");
    }
}
