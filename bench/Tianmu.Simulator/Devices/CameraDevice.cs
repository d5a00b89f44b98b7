using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>
/// An edge AI box with one camera posting signed events with their snapshot to
/// <c>POST /api/v1/ingest/events</c> (multipart: the signed <c>event</c> JSON first, then the file it
/// declares with its SHA-256). A refused event (4xx) is logged and not resent; an unreachable server
/// leaves the event for the next tick.
/// </summary>
public sealed class CameraDevice(string name, Guid id, string secret, HttpClient http, CameraSchedule schedule, CameraImages images, Action<string> log) : ISource
{
    public const string Camera = "cam1";

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private DateTimeOffset? last;
    private bool wasCovered;
    private long sent;

    public string Name => name;

    public string Unit => "条 AI 事件";

    public long Sent => Interlocked.Read(ref sent);

    public async Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await SendAllAsync(schedule.Between(from, to, history: true), ct);
        last = to;
    }

    public async Task TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        var covered = schedule.IsCovered(now);
        if (covered != wasCovered)
        {
            log(covered ? $"{name}：镜头被遮挡（抓拍画面变暗）" : $"{name}：镜头遮挡解除");
            wasCovered = covered;
        }

        await SendAllAsync(schedule.Between(last ?? now - schedule.PatrolInterval, now, history: false), ct);
        last = now;
    }

    private async Task SendAllAsync(IReadOnlyList<Shot> shots, CancellationToken ct)
    {
        foreach (var shot in shots)
        {
            await SendAsync(shot, ct);
            last = shot.Time;
        }
    }

    private async Task SendAsync(Shot shot, CancellationToken ct)
    {
        var jpeg = images.Of(shot);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = shot.Id,
            type = shot.Type,
            confidence = shot.Confidence,
            time = shot.Time.ToOffset(Cst).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            camera = Camera,
            media = new[] { new { part = "snapshot", sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg)) } },
        });
        var eventPart = new ByteArrayContent(body);
        eventPart.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var snapshot = new ByteArrayContent(jpeg);
        snapshot.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/events")
        {
            Content = new MultipartFormDataContent { { eventPart, "event" }, { snapshot, "snapshot", "snapshot.jpg" } },
        };
        request.Headers.Add("X-Device-Id", id.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", HttpDevice.Sign(secret, timestamp, body));
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref sent);
        }
        else if ((int)response.StatusCode is >= 400 and < 500)
        {
            log($"{name}：事件 {shot.Id} 被拒收（HTTP {(int)response.StatusCode}）：{await response.Content.ReadAsStringAsync(ct)}");
        }
        else
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}：{await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
