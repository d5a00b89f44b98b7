using Microsoft.AspNetCore.Mvc;
using Tianmu.Server.Api;

namespace Tianmu.Server.Ingest;

public static class IngestEndpoints
{
    public static void MapIngestEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/ingest/readings", async (HttpContext http, HttpIngest ingest, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, ct);
                var h = http.Request.Headers;
                return (await ingest.IngestAsync(h["X-Device-Id"], h["X-Timestamp"], h["X-Signature"], buffer.ToArray(), ct)).ToHttp();
            })
            // Devices authenticate themselves (HMAC over the body), not as users: no user session is involved.
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(HttpIngest.MaxBodyBytes))
            .WithTags("数据采集")
            .WithSummary("设备推送读数（X-Device-Id、X-Timestamp、X-Signature = HMAC-SHA256(密钥, 时间戳 + \"\\n\" + 请求体)）");
}
