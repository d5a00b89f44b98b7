using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>A device posting signed batches to <c>POST /api/v1/ingest/readings</c>.</summary>
public sealed class HttpDevice(string name, Guid id, string secret, HttpClient http, DeviceSignal signal, double lateShare, Action<string> log)
    : DeviceSource(name, signal, lateShare, log)
{
    /// <summary>The server's batch limit.</summary>
    private const int MaxBatch = 5000;

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    protected override async Task<int> SendAsync(IReadOnlyList<Timed> readings, bool history, CancellationToken ct)
    {
        var rows = readings.SelectMany(r => r.Samples.Select(s => new
        {
            time = r.Time.ToOffset(Cst).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            metric = s.Metric,
            value = s.Value,
            quality = "N",
        })).ToList();
        var stored = 0;
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { readings = chunk });
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/readings") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Device-Id", id.ToString());
            request.Headers.Add("X-Timestamp", timestamp);
            request.Headers.Add("X-Signature", Sign(secret, timestamp, body));
            using var response = await http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}：{answer}");
            }

            using var result = JsonDocument.Parse(answer);
            stored += result.RootElement.GetProperty("received").GetInt32() - result.RootElement.GetProperty("rejected").GetArrayLength();
        }

        return stored;
    }

    /// <summary>hex(HMAC-SHA256(secret, timestamp + "\n" + body)), as the server checks it.</summary>
    public static string Sign(string secret, string timestamp, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "\n"), .. body]));
}
