using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Credit;

/// <summary>
/// Staff API of the credit views: credit repairs to decide, the
/// key-supervision list, grade distribution and movements with CSV (an entity's grade: GET /api/v1/entities/{id}/credit). Reading is for all staff of the jurisdiction;
/// deciding repairs and changing the list is for officers and heads.
/// </summary>
public static class CreditViewEndpoints
{
    private static readonly Role[] Handlers = [Role.Officer, Role.Head];

    public static void MapCreditViewEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/credit").WithTags("信用").RequireAuthorization(Authz.Staff);
        read.MapGet("/repairs", async ([AsParameters] RepairFilter filter, HttpContext http, CreditRepairDesk desk, CancellationToken ct) =>
            (await desk.ListAsync(http.Caller(), filter, ct)).ToHttp()).WithSummary("辖区内的信用修复申请（先申请在前）；status = Pending 待审核、Approved 已同意、Refused 不予同意");
        read.MapGet("/repairs/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, CreditRepairDesk desk, CancellationToken ct) =>
            PortalWarningEndpoints.File(await desk.AttachmentAsync(http.Caller(), id, sha256, ct))).WithSummary("信用修复申请所附文件（原件，读取时校验哈希）");
        read.MapGet("/key-supervision", async ([AsParameters] KeySupervisionFilter filter, HttpContext http, KeySupervisionDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), filter, ct))).WithSummary("重点监管名单：辖区内在列的监管对象（all=true 含已移出），q 按名称或统一社会信用代码查找");
        read.MapGet("/distribution", async (HttpContext http, CreditStatistics stats, CancellationToken ct) =>
            TypedResults.Ok(await stats.DistributionAsync(http.Caller(), ct))).WithSummary("辖区内监管对象当前信用等级分布：按地区（监管机构）与类别");
        read.MapGet("/movements", async (int? months, HttpContext http, CreditStatistics stats, CancellationToken ct) =>
            TypedResults.Ok(await stats.MovementsAsync(http.Caller(), months, ct))).WithSummary("信用等级变动：相邻两次评价之间等级的升降，按月统计（默认最近 12 个月，至多 36 个月）及逐条变动");
        read.MapGet("/export", Export).WithSummary("信用视图导出为 CSV（UTF-8，中文表头）：table = regions 按地区分布、categories 按类别分布、movements 等级变动");

        var act = api.MapGroup("/credit").WithTags("信用").RequireAuthorization(Authz.Roles(Handlers));
        act.MapPost("/repairs/{id:guid}/decision", async (Guid id, RepairDecisionInput input, HttpContext http, CreditRepairDesk desk, CancellationToken ct) =>
            (await desk.DecideAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("审核信用修复：JSON {approve: true 同意 | false 不予同意, reason（必填）}；每份申请只能审核一次");
        act.MapPost("/key-supervision", async (KeySupervisionInput input, HttpContext http, KeySupervisionDesk desk, CancellationToken ct) =>
            (await desk.AddAsync(http.Caller(), input, ct)).ToCreated(k => $"/api/v1/credit/key-supervision?q={Uri.EscapeDataString(k.EntityName)}"))
            .WithSummary("列入重点监管名单：JSON {entityId, reason（必填）, basis（依据，可选）}");
        act.MapPost("/key-supervision/{id:guid}/removal", async (Guid id, KeySupervisionRemoval input, HttpContext http, KeySupervisionDesk desk, CancellationToken ct) =>
            (await desk.RemoveAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("移出重点监管名单：JSON {reason（必填）}");
    }

    /// <summary>The same downloads for the pages, which sign in with the cookie rather than a bearer token.</summary>
    public static void MapCreditViewFiles(this WebApplication app)
    {
        app.MapGet("/credit/export", Export).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        app.MapGet("/credit/repairs/{id:guid}/attachments/{sha256}", async (Guid id, string sha256, HttpContext http, CreditRepairDesk desk, CancellationToken ct) =>
            PortalWarningEndpoints.File(await desk.AttachmentAsync(http.Caller(), id, sha256, ct))).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
    }

    private static async Task<IResult> Export(string? table, int? months, HttpContext http, CreditStatistics stats, CancellationToken ct)
    {
        if (table is null || !CreditCsv.Tables.TryGetValue(table, out var name))
        {
            return Error.Validation("table", "table 须为 regions、categories 或 movements。").ToProblem();
        }

        var csv = table == "movements"
            ? CreditCsv.Movements(await stats.MovementsAsync(http.Caller(), months, ct))
            : CreditCsv.Distribution(await stats.DistributionAsync(http.Caller(), ct), table == "regions");
        return TypedResults.File(Csv.ToUtf8WithBom(csv), "text/csv; charset=utf-8", $"{name}.csv");
    }
}
