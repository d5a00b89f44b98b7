using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Devices;
using Tianmu.Server.Ingest;

namespace Tianmu.Bench;

/// <summary>
/// HTTP devices, each posting signed batches of 1,000 readings back to back. Bodies are built before
/// the clock starts: the load generator shares the machine's cores with the server.
/// </summary>
public static class HttpLoad
{
    private const int BatchSize = 1000;

    /// <summary>Enough for ~200,000 readings/s per run of 20 s with four devices; a device that runs out stops early.</summary>
    private const int BatchesPerDevice = 1000;

    public static async Task<IngestLoad> RunAsync(BenchServer server, DatabaseSettings settings, string key, int devices, int seconds)
    {
        var ids = await DevicesAsync(settings, key, devices);
        var origin = DateTimeOffset.UtcNow.AddMinutes(-4);
        var bodies = ids.ToDictionary(d => d, d => Enumerable.Range(0, BatchesPerDevice).Select(b => Body(origin, b)).ToList());
        var acknowledged = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var memory = server.PeakMemoryAsync(stop.Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(device => Task.Run(async () =>
        {
            using var http = new HttpClient();
            for (var batch = 0; !stop.IsCancellationRequested && batch < BatchesPerDevice; batch++)
            {
                var response = await http.SendAsync(Request(server.BaseUrl, device, bodies[device][batch]));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref acknowledged, BatchSize);
                }
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var note = acknowledged >= (long)ids.Count * BatchesPerDevice * BatchSize ? "every prepared batch was sent before the time was up; the rate is over the shorter time" : null;
        return new IngestLoad($"HTTP, {devices} devices posting batches of {BatchSize:N0}", BatchSize, acknowledged, elapsed, await memory, note);
    }

    private static async Task<List<Guid>> DevicesAsync(DatabaseSettings settings, string key, int count)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(key));
        await using var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext();
        var entities = await db.Entities.OrderBy(e => e.Name).Take(count).ToListAsync();
        var ids = new List<Guid>();
        foreach (var entity in entities)
        {
            var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", "BENCH-" + ids.Count, false, DeviceProtocol.Http,
                null, null, Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
                [new ParameterSpec("ph", "pH", "", 0, 14, null, null)]), DateTimeOffset.UtcNow);
            device.SetCredential(DeviceOperations.SecretHash(SecretOf(device.Id)), protector.Protect(SecretOf(device.Id)), DateTimeOffset.UtcNow);
            db.Devices.Add(device);
            ids.Add(device.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private static byte[] Body(DateTimeOffset origin, int batch) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        readings = Enumerable.Range(0, BatchSize).Select(i => new { time = origin.AddTicks(((batch * (long)BatchSize) + i) * 1000), metric = "ph", value = 7.0 }),
    });

    /// <summary>A signed readings request of a benchmark device (shared with the warning benchmark).</summary>
    internal static HttpRequestMessage Request(string baseUrl, Guid device, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/ingest/readings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Device-Id", device.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(SecretOf(device), timestamp, body));
        return request;
    }

    /// <summary>Each device has its own secret (their hashes are unique in the registry).</summary>
    internal static string SecretOf(Guid device) => $"dk_bench_{device:N}";
}
