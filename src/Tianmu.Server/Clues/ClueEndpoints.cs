using Microsoft.AspNetCore.Mvc;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Clues;

public static class ClueEndpoints
{
    /// <summary>Who signs for and handles clues.</summary>
    public static readonly Role[] Handlers = [Role.Officer, Role.Head];

    public static void MapClueEndpoints(this RouteGroupBuilder api)
    {
        // The provincial platform signs its requests (X-Client-Id, X-Timestamp, X-Signature); no user session.
        var platform = api.MapGroup("/province/clues").WithTags("省级平台推送").AllowAnonymous();
        platform.MapPost("/", async (HttpContext http, ClueIntake intake, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, ct);
                var result = await intake.PushAsync(http.Request.Headers, buffer.ToArray(), ct);
                return result.Value is { Duplicate: false } receipt ? TypedResults.Created($"/api/v1/province/clues/{receipt.ExternalId}", receipt) : result.ToHttp();
            })
            .WithMetadata(new RequestSizeLimitAttribute(ClueIntake.MaxBodyBytes))
            .WithSummary("省级平台推送线索（含办理期限 deadline 或 limitWorkingDays）");
        platform.MapGet("/{externalId}", async (string externalId, HttpContext http, ClueIntake intake, CancellationToken ct) =>
            (await intake.StatusAsync(http.Request.Headers, externalId, ct)).ToHttp()).WithSummary("省级平台查询线索办理状态与结果");

        var read = api.MapGroup("/clues").WithTags("省级平台推送").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] ClueFilter filter, HttpContext http, ClueDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的推送线索（未办结在前，按期限排序）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, ClueDesk desk, CancellationToken ct) =>
            (await desk.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("线索详情");

        var handle = api.MapGroup("/clues").WithTags("省级平台推送").RequireAuthorization(Authz.Roles(Handlers));
        handle.MapPost("/{id:guid}/accept", async (Guid id, HttpContext http, ClueDesk desk, CancellationToken ct) =>
            (await desk.AcceptAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("签收线索");
        handle.MapPost("/{id:guid}/handle", async (Guid id, HandleInput input, HttpContext http, ClueDesk desk, CancellationToken ct) =>
            (await desk.HandleAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("办结线索并反馈结果");

        var admin = api.MapGroup("/platform-clients").WithTags("省级平台推送").RequireAuthorization(Authz.Administrators);
        admin.MapGet("/", async (HttpContext http, PlatformClients clients, CancellationToken ct) =>
            TypedResults.Ok(await clients.ListAsync(http.Caller(), ct))).WithSummary("可推送线索的平台客户端");
        admin.MapPost("/", async (PlatformClientInput input, HttpContext http, PlatformClients clients, CancellationToken ct) =>
            (await clients.CreateAsync(http.Caller(), input, ct)).ToCreated(c => $"/api/v1/platform-clients/{c.Client.Id}")).WithSummary("登记平台客户端（密钥只显示一次）");
        admin.MapPost("/{id:guid}/revoke", async (Guid id, HttpContext http, PlatformClients clients, CancellationToken ct) =>
            (await clients.RevokeAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("吊销平台客户端");
    }
}
