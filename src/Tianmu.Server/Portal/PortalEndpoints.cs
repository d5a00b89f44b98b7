using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Portal;

public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this RouteGroupBuilder api)
    {
        var portal = api.MapGroup("/portal").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/summary", async (HttpContext http, PortalSummaries summaries, CancellationToken ct) =>
            TypedResults.Ok(await summaries.GetAsync(http.Caller(), ct))).WithSummary("本单位首页：设备、预警与整改、自律报送、收到的文书、案件、应缴金额、信用评价（当前等级）");
        portal.MapGet("/devices", async (HttpContext http, PortalDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.ListAsync(http.Caller(), ct))).WithSummary("本单位的设备");
        portal.MapGet("/devices/{id:guid}/confirmation", async (Guid id, HttpContext http, PortalDevices devices, CancellationToken ct) =>
            (await devices.ConfirmationAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("安装确认书全文及其 SHA-256");
        portal.MapPost("/devices/{id:guid}/confirmation", async (Guid id, ConfirmInput input, HttpContext http, PortalDevices devices, CancellationToken ct) =>
            (await devices.ConfirmAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("签署安装确认书：JSON {textHash（所阅读文本的 SHA-256）, agree, password（登录密码，再次确认）}");
        portal.MapPortalCaseEndpoints();
        portal.MapGet("/activity", async ([AsParameters] ActivityFilter filter, HttpContext http, PortalActivity activity, CancellationToken ct) =>
            TypedResults.Ok(await activity.ListAsync(http.Caller(), filter, ct))).WithSummary("操作记录：本单位用户在平台上的操作（时间、用户、内容），最新在前；before 为上一页返回的游标");
    }

    private static void MapPortalCaseEndpoints(this RouteGroupBuilder portal)
    {
        portal.MapGet("/cases", async ([AsParameters] PartyCaseFilter filter, HttpContext http, PortalCases cases, CancellationToken ct) =>
            TypedResults.Ok(await cases.ListAsync(http.Caller(), filter, ct))).WithSummary("本单位的案件（立案后可见）：阶段、当前期限、应缴金额；open=true 仅未办结");
        portal.MapGet("/cases/{id:guid}", async (Guid id, HttpContext http, PortalCases cases, CancellationToken ct) =>
            (await cases.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("案件详情：阶段、拟处罚、陈述申辩与听证申请期限、本单位的陈述申辩、决定结果、可办理的操作");
        portal.MapPost("/cases/{id:guid}/statements", async (Guid id, StatementInput input, HttpContext http, PortalCases cases, CancellationToken ct) =>
            (await cases.StateAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("陈述申辩：JSON {text, password}（收到事先告知书之日起三个工作日内）");
        portal.MapPost("/cases/{id:guid}/hearing-request", async (Guid id, HearingRequestInput input, HttpContext http, PortalCases cases, CancellationToken ct) =>
            (await cases.RequestHearingAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("申请听证：JSON {note, password}（告知后五个工作日内，限听证范围内的处罚）");
        portal.MapPost("/cases/{id:guid}/waiver", async (Guid id, WaiverInput input, HttpContext http, PortalCases cases, CancellationToken ct) =>
            (await cases.WaiveAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("明确放弃陈述、申辩和听证权利：JSON {confirm: true, note, password}");
    }
}
