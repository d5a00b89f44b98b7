using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Tianmu.Common;
using Tianmu.Ingest;
using Tianmu.Persistence;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Ingest;

public sealed record IngestReading(DateTimeOffset? Time, string? Metric, double? Value, string? Quality);

public sealed record IngestBatch(IngestReading[]? Readings);

/// <summary>Source-generated reader for the hot path: no reflection per batch.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IngestBatch))]
internal sealed partial class IngestJson : JsonSerializerContext;

public sealed record RejectedReading(int Index, string Code, string Message);

/// <summary>What happened to a batch: stored (new), duplicates (already stored, skipped), and each rejected reading.</summary>
public sealed record IngestResult(int Received, int Stored, int Duplicates, IReadOnlyList<RejectedReading> Rejected);

/// <summary>
/// HTTP ingest for devices. A request carries the device id, a Unix timestamp and
/// <c>hex(HMAC-SHA256(secret, timestamp + "\n" + body))</c>; a timestamp outside ±5 minutes is refused,
/// so a captured request cannot be replayed later, and a replay inside the window stores nothing new
/// (readings are keyed by device, metric and device time). Valid readings are stored even when
/// others in the batch are not; the answer is sent after the batch is committed.
/// </summary>
public sealed partial class HttpIngest(TianmuDb db, ReadingStore store, DeviceSignature signature, WarningQueue warnings, TimeProvider clock)
{
    public const int MaxReadings = 5000;
    public const long MaxBodyBytes = 2 * 1024 * 1024;
    /// <summary>Device clocks drift; readings further ahead than this are refused as mistimed.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async Task<Result<IngestResult>> IngestAsync(string? deviceHeader, string? timestampHeader, string? signatureHeader, byte[] body, CancellationToken ct)
    {
        var authenticated = await signature.AuthenticateAsync(deviceHeader, timestampHeader, signatureHeader, body, ct);
        if (authenticated.Value is not { } device)
        {
            return authenticated.Error!;
        }

        var now = clock.GetUtcNow();
        IngestBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body, IngestJson.Default.IngestBatch);
        }
        catch (JsonException e)
        {
            return new Error(ErrorKind.Validation, "malformed_json", $"请求体不是有效的 JSON（{e.Path}）。", new Dictionary<string, string[]> { ["readings"] = ["请求体不是有效的 JSON。"] });
        }

        var readings = batch?.Readings ?? [];
        if (readings.Length == 0 || readings.Length > MaxReadings)
        {
            return Error.Validation("readings", $"每批须包含 1 到 {MaxReadings} 条读数。");
        }

        var stamp = await UsabilityStamp.ForAsync(db, device, ct);
        var metrics = device.Parameters.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var accepted = new List<Reading>(readings.Length);
        var rejected = new List<RejectedReading>();
        for (var i = 0; i < readings.Length; i++)
        {
            var r = readings[i];
            var problem = Check(r, metrics, now);
            if (problem is not null)
            {
                rejected.Add(new RejectedReading(i, problem.Value.Code, problem.Value.Message));
                continue;
            }

            var quality = r.Quality ?? "N";
            accepted.Add(new Reading(device.Id, r.Metric!, r.Time!.Value.ToUniversalTime(), r.Value!.Value, quality, stamp.Usable(r.Time!.Value, quality), now));
        }

        var stored = await store.AppendAsync(accepted, ct);
        if (stored > 0)
        {
            warnings.Enqueue(device.Id, accepted);
        }
        return new IngestResult(readings.Length, stored, accepted.Count - stored, rejected);
    }

    private static (string Code, string Message)? Check(IngestReading r, HashSet<string> metrics, DateTimeOffset now)
    {
        if (r.Time is not { } time)
        {
            return ("ingest.missing_time", "缺少设备时间 time（ISO 8601，含时区）。");
        }

        if (time > now + FutureTolerance)
        {
            return ("ingest.future_time", $"设备时间 {ChinaTime.Format(time)} 晚于服务器时间，疑似设备时钟错误。");
        }

        if (r.Metric is null || !MetricPattern().IsMatch(r.Metric) || (metrics.Count > 0 && !metrics.Contains(r.Metric)))
        {
            return ("ingest.unknown_metric", metrics.Count > 0 ? $"监测参数“{r.Metric}”未在该设备登记，可用：{string.Join("、", metrics.Order())}。" : "监测参数编码须为 1–40 位小写字母、数字或下划线。");
        }

        if (r.Value is not { } value || !double.IsFinite(value))
        {
            return ("ingest.bad_value", "读数 value 须为有限数值。");
        }

        if (r.Quality is { } q && !DataFlags.All.ContainsKey(q))
        {
            return ("ingest.bad_flag", $"数据标记“{q}”无效，可用：{string.Join("、", DataFlags.All.Keys)}。");
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex MetricPattern();
}
