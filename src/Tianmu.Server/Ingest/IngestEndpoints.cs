using Microsoft.AspNetCore.Mvc;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Entities;

namespace Tianmu.Server.Ingest;

public static class IngestEndpoints
{
    public static void MapIngestEndpoints(this RouteGroupBuilder api)
    {
        // Devices authenticate themselves (HMAC over the body), not as users: no user session is involved.
        var devices = api.MapGroup("/ingest").WithTags("数据采集").AllowAnonymous();
        devices.MapPost("/readings", async (HttpContext http, HttpIngest ingest, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, ct);
                var h = http.Request.Headers;
                return (await ingest.IngestAsync(h["X-Device-Id"], h["X-Timestamp"], h["X-Signature"], buffer.ToArray(), ct)).ToHttp();
            })
            .WithMetadata(new RequestSizeLimitAttribute(HttpIngest.MaxBodyBytes))
            .WithSummary("设备推送读数（X-Device-Id、X-Timestamp、X-Signature = HMAC-SHA256(密钥, 时间戳 + \"\\n\" + 请求体)）");
        devices.MapPost("/events", ReceiveEvent)
            .WithMetadata(new RequestSizeLimitAttribute(AiEventIntake.MaxRequestBytes))
            .DisableAntiforgery()
            .WithSummary("边缘 AI 盒推送识别事件及抓拍图片、短视频（multipart：event JSON 在前并签名，文件随后，哈希须与声明一致）");

        var read = api.MapGroup("/devices").WithTags("设备").RequireAuthorization(Authz.Staff);
        read.MapGet("/{id:guid}/events", async (Guid id, [AsParameters] AiEventFilter filter, HttpContext http, AiEventQueries events, CancellationToken ct) =>
            (await events.ListAsync(http.Caller(), id, filter, ct)).ToHttp()).WithSummary("设备的 AI 识别事件（分页，新在前）");
        read.MapGet("/{id:guid}/media/{sha256}", Media).WithSummary("事件抓拍或视频原件（读取时校验哈希）");

        var write = api.MapGroup("/devices").WithTags("设备").RequireAuthorization(Authz.Roles(EntityEndpoints.Registrars));
        write.MapPost("/{id:guid}/cameras/{camera}/baseline", async (Guid id, string camera, HttpContext http, CameraWatch cameras, CancellationToken ct) =>
            (await cameras.ResetBaselineAsync(http.Caller(), id, camera, ct)).ToHttp()).WithSummary("以最新抓拍重设摄像头基准画面（依法调整视角后）");
    }

    /// <summary>An event's snapshot or clip, its hash checked on reading; also served to the device page (<see cref="Devices.DeviceFiles"/>).</summary>
    internal static async Task<IResult> Media(Guid id, string sha256, HttpContext http, AiEventQueries events, CancellationToken ct) =>
        (await events.MediaAsync(http.Caller(), id, sha256, ct)) is { IsSuccess: true } media
            ? TypedResults.File(media.Value!.Content, media.Value.ContentType)
            : Tianmu.Common.Error.NotFound("文件").ToProblem();

    /// <summary>201 for a new event; 200 with the stored receipt when the box resends one already kept.</summary>
    private static async Task<IResult> ReceiveEvent(HttpContext http, AiEventIntake intake, CancellationToken ct)
    {
        var result = await intake.ReceiveAsync(http.Request, ct);
        return result.Value is { Duplicate: false } receipt
            ? TypedResults.Created($"/api/v1/devices/{receipt.DeviceId}/events", receipt)
            : result.ToHttp();
    }
}
