using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

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
}
