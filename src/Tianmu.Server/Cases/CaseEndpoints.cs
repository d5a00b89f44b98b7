using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Cases;

public static class CaseEndpoints
{
    /// <summary>Who opens cases and manages their investigators and evidence; every step's own roles are checked by the procedure rules.</summary>
    public static readonly Role[] Handlers = [Role.Officer, Role.Head];

    public static void MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/cases").WithTags("案件办理").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] CaseFilter filter, HttpContext http, CaseDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的案件（可按阶段、是否办结、当事人、逾期筛选）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, CaseDesk desk, CancellationToken ct) =>
            (await desk.DetailAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("案件详情：时间线、期限、证据、当前可执行的操作");

        var handle = api.MapGroup("/cases").WithTags("案件办理").RequireAuthorization(Authz.Roles(Handlers));
        handle.MapPost("/", async (OpenCaseInput input, HttpContext http, CaseDesk desk, CancellationToken ct) =>
            (await desk.OpenAsync(http.Caller(), input, ct)).ToCreated(c => $"/api/v1/cases/{c.Summary.Id}")).WithSummary("受理案件（来源：预警转线索、省级平台推送、投诉举报、执法人员发现）");
        handle.MapPut("/{id:guid}/investigators", async (Guid id, AssignInput input, HttpContext http, CaseDesk desk, CancellationToken ct) =>
            (await desk.AssignAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("指定承办人（不少于两名持执法证人员）");
        handle.MapPost("/{id:guid}/evidence", async (Guid id, EvidenceInput input, HttpContext http, CaseDesk desk, CancellationToken ct) =>
            (await desk.AddEvidenceAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("关联证据（同时设置案件保全）");
        handle.MapPost("/{id:guid}/documents", async (Guid id, CaseDocumentInput input, HttpContext http, CaseDocuments documents, CancellationToken ct) =>
            (await documents.DraftAsync(http.Caller(), id, input, ct)).ToCreated(d => $"/api/v1/documents/{d.Id}")).WithSummary("起草本案文书（按案件信息预填，签发前可修改）");

        // Legal reviewers and heads take steps too; the procedure rules check each step's roles.
        read.MapPost("/{id:guid}/actions", async (Guid id, CaseActionInput input, HttpContext http, CaseSteps steps, CancellationToken ct) =>
            (await steps.TakeAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("办理一个程序环节（立案、调查终结、法制审核、集体讨论、审批、告知、听证、决定、送达、缴款、结案、归档、中止、延期）");
    }
}
