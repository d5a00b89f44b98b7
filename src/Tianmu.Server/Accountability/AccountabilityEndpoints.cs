using Tianmu.Common;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Accountability;

public static class AccountabilityEndpoints
{
    public static void MapAccountabilityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/deadlines", async ([AsParameters] DeadlineFilter filter, HttpContext http, DeadlineBoard board, CancellationToken ct) =>
                (await board.ReadAsync(http.Caller(), filter, ct)).ToHttp())
            .WithTags("案件办理").RequireAuthorization(Authz.Staff)
            .WithSummary("期限看板：管辖范围内未办结案件今日到期（today）、本周（今天起 7 日内）到期（week）或已逾期（overdue）的期限，责任人、按人员和机构统计；因工作日历未载入无法计算的期限单列");
        api.MapGet("/cases/deadlines/export", DeadlinesCsv).WithTags("案件办理").RequireAuthorization(Authz.Staff).WithSummary("期限看板导出为 CSV");
        api.MapGet("/accountability", async ([AsParameters] AccountabilityFilter filter, HttpContext http, AccountabilityReport report, CancellationToken ct) =>
                (await report.ReadAsync(http.Caller(), filter, ct)).ToHttp())
            .WithTags("履职监督").RequireAuthorization(Authz.Overseers)
            .WithSummary("履职情况（S18/S19、Z21/Z22）：期间内预警、线索、案件各环节的可履职人员、起算时间、时限和履职情况；逾期未履职或超时履职的按人员和机构标出，按时依法履职的标明“依法履职（免责）”");
        api.MapGet("/accountability/export", ReportCsv).WithTags("履职监督").RequireAuthorization(Authz.Overseers).WithSummary("履职情况导出为 CSV（每个环节一行）");
    }

    /// <summary>The CSV downloads for the pages, which sign in with the cookie rather than a bearer token.</summary>
    public static void MapAccountabilityFiles(this WebApplication app)
    {
        app.MapGet("/cases/deadlines/export", DeadlinesCsv).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        app.MapGet("/accountability/export", ReportCsv).RequireAuthorization(Authz.Overseers).ExcludeFromDescription();
    }

    private static async Task<IResult> DeadlinesCsv([AsParameters] DeadlineFilter filter, HttpContext http, DeadlineBoard board, CancellationToken ct)
    {
        var result = await board.ReadAsync(http.Caller(), filter, ct);
        return result.Error is { } e
            ? e.ToProblem()
            : TypedResults.File(Csv.ToUtf8WithBom(AccountabilityCsv.Deadlines(result.Value!)), "text/csv; charset=utf-8",
                $"案件期限-{DeadlineBoard.Scopes[result.Value!.Scope]}-{result.Value!.Today:yyyyMMdd}.csv");
    }

    private static async Task<IResult> ReportCsv([AsParameters] AccountabilityFilter filter, HttpContext http, AccountabilityReport report, CancellationToken ct)
    {
        var result = await report.ReadAsync(http.Caller(), filter, ct);
        return result.Error is { } e
            ? e.ToProblem()
            : TypedResults.File(Csv.ToUtf8WithBom(AccountabilityCsv.Report(result.Value!)), "text/csv; charset=utf-8",
                $"履职情况-{result.Value!.From:yyyyMMdd}-{result.Value!.To:yyyyMMdd}.csv");
    }
}
