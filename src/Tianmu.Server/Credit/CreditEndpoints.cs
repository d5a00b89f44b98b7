using System.Globalization;
using System.Text.Json;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

public static class CreditEndpoints
{
    /// <summary>Who may recompute a grade on demand: administrators, heads and officers of the jurisdiction.</summary>
    public static readonly Role[] Recomputers = [Role.Administrator, Role.Head, Role.Officer];

    public static void MapCreditEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/entities").WithTags("信用评价").RequireAuthorization(Authz.Staff);
        read.MapGet("/{id:guid}/credit", async (Guid id, string? asOf, HttpContext http, CreditGrading grading, CancellationToken ct) =>
                ParseDay(asOf) is { IsSuccess: false } bad ? bad.Error!.ToProblem() : (await grading.ViewAsync(http.Caller(), id, ParseDay(asOf).Value, ct)).ToHttp())
            .WithSummary("信用评价：当前等级（最近一次保存的评价）、分数、风险、模型版本及其确定的检查频次与抽查比例、各因素得分与依据事实（附链接）；" +
                "asOf=YYYY-MM-DD 时取该日保存的评价，该日未计算的按该日已知事实重新计算（不保存，stored = false）");
        read.MapGet("/{id:guid}/hygiene-gradings", async (Guid id, HttpContext http, HygieneGradings gradings, CancellationToken ct) =>
            (await gradings.ListAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("公共场所卫生量化分级记录");

        var models = api.MapGroup("/credit/models").WithTags("信用评价").RequireAuthorization(Authz.Administrators);
        models.MapGet("/", async (HttpContext http, CreditModelDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.ListAsync(http.Caller(), ct)))
            .WithSummary("信用模型：内置默认模型及管辖范围内各机构发布的版本");
        models.MapPost("/", async (JsonElement body, HttpContext http, CreditModelDesk desk, CancellationToken ct) =>
                (await desk.PublishAsync(http.Caller(), body, ct)).ToCreated(m => "/api/v1/credit/models"))
            .WithSummary("发布本机构的信用模型新版本（JSON，校验各因素参数与等级；版本号须递增）");

        var write = api.MapGroup("/entities").WithTags("信用评价").RequireAuthorization(Authz.Roles(Recomputers));
        write.MapPost("/{id:guid}/credit/recompute", async (Guid id, HttpContext http, CreditGrading grading, CancellationToken ct) =>
                (await grading.RecomputeAsync(http.Caller(), id, ct)).ToHttp())
            .WithSummary("按今日重新计算并保存信用评价（虚假信息、擅自改动设备等事实自动列入重点监管名单）");
        write.MapPost("/{id:guid}/hygiene-gradings", async (Guid id, HygieneGradingInput input, HttpContext http, HygieneGradings gradings, CancellationToken ct) =>
            (await gradings.RecordAsync(http.Caller(), id, input, ct)).ToCreated(g => $"/api/v1/entities/{id}/hygiene-gradings")).WithSummary("记录量化分级（≥ 90 A、70–89 B、60–69 C、< 60 D 责令改正）");
    }

    private static Result<DateOnly?> ParseDay(string? text)
    {
        if (text is null)
        {
            return (DateOnly?)null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (DateOnly?)day
            : Error.Validation("asOf", "评价日期格式应为 YYYY-MM-DD。");
    }
}
