using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Server-sent events for the live warning board: an event <c>warning</c> per raised or changed
/// warning inside the caller's jurisdiction (id = the change time in UTC ticks, so a reconnecting
/// client's Last-Event-ID resumes where it stopped), a comment line as heartbeat, and nothing else.
/// </summary>
public static class WarningStreamEndpoints
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How far back a resuming client is served; after a longer break it reloads the board.</summary>
    public static readonly TimeSpan MaxResume = TimeSpan.FromMinutes(10);

    public static void MapWarningStreamEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/warnings/stream", StreamAsync).WithTags("预警").RequireAuthorization(Authz.Staff).Produces(200, contentType: "text/event-stream")
            .WithSummary("预警实时推送（Server-Sent Events）：管辖范围内新产生或变更的预警，事件名 warning，支持 Last-Event-ID 续传");

    /// <summary>The same stream for the /warnings page, which signs in with the cookie (EventSource cannot send a bearer token).</summary>
    public static void MapWarningStreamForPages(this WebApplication app) =>
        app.MapGet("/warnings/stream", StreamAsync).RequireAuthorization(Authz.Staff).ExcludeFromDescription();

    private static async Task StreamAsync(HttpContext http, WarningFeed feed, TimeProvider clock, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        var caller = http.Caller();
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        using var subscription = feed.Subscribe(caller.Jurisdiction);
        try
        {
            await WriteAsync(http, "retry: 3000\n: 已连接\n\n", ct);
            if (ResumeFrom(http, clock) is { } since)
            {
                foreach (var change in await feed.SinceAsync(caller.Jurisdiction, since, ct))
                {
                    await SendAsync(http, change, json.Value.SerializerOptions, ct);
                }
            }
            else if (http.Request.Headers.ContainsKey("Last-Event-ID"))
            {
                await WriteAsync(http, "event: reset\ndata: {}\n\n", ct); // too long away: the client reloads the board
            }

            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    var change = await subscription.Changes.ReadAsync(wait.Token);
                    await SendAsync(http, change, json.Value.SerializerOptions, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(http, ": ping\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
        catch (IOException)
        {
            // the connection broke while writing
        }
    }

    private static DateTimeOffset? ResumeFrom(HttpContext http, TimeProvider clock)
    {
        var last = http.Request.Headers["Last-Event-ID"].ToString();
        if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        var since = new DateTimeOffset(ticks, TimeSpan.Zero);
        return clock.GetUtcNow() - since <= MaxResume ? since : null;
    }

    private static Task SendAsync(HttpContext http, WarningChange change, JsonSerializerOptions options, CancellationToken ct) =>
        WriteAsync(http, $"id: {change.ChangedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}\nevent: warning\ndata: {JsonSerializer.Serialize(change, options)}\n\n", ct);

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
