using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Security;
using Tianmu.Server.Devices;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>
/// "A crash never loses acknowledged data": the server process is killed with SIGKILL in the middle
/// of sustained ingest and restarted; every reading it had acknowledged is there, and none twice.
/// </summary>
public sealed class CrashTests
{
    private const string Secret = "dk_crash_test_secret";

    [Fact]
    public async Task EveryAcknowledgedReadingSurvivesAKill()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dataDir = Directory.CreateTempSubdirectory("tianmu-crash-").FullName;
        var first = await ServerProcess.StartAsync(database, dataDir);
        var device = await DeviceAsync(database);

        var acknowledged = new List<DateTimeOffset>();
        var now = DateTimeOffset.UtcNow.AddMinutes(-4);
        var origin = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero); // whole ms: compared as stored
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sending = Task.Run(async () =>
        {
            for (var batch = 0; batch < 10_000; batch++)
            {
                var times = Enumerable.Range(0, 100).Select(i => origin.AddMilliseconds((batch * 100) + i)).ToList();
                try
                {
                    var response = await http.SendAsync(Request(first.BaseUrl, device, times));
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return;
                    }

                    lock (acknowledged)
                    {
                        acknowledged.AddRange(times);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return; // the server is gone: this batch was never acknowledged
                }
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!sending.IsCompleted && DateTime.UtcNow < deadline && Count(acknowledged) < 3_000)
        {
            await Task.Delay(100);
        }

        Assert.True(Count(acknowledged) >= 3_000, $"ingest stalled before the kill: {Count(acknowledged)} readings acknowledged");

        await first.KillAsync();
        await sending;
        await using var second = await ServerProcess.StartAsync(database, dataDir);

        await using var db = database.Context();
        var stored = await db.Readings.Where(r => r.DeviceId == device).Select(r => r.DeviceTime).ToListAsync();
        Assert.Empty(acknowledged.Except(stored));                  // nothing acknowledged was lost
        Assert.Equal(stored.Count, stored.Distinct().Count());      // nothing is there twice

        // A device retrying its last batch after the restart stores nothing twice either.
        var retry = await http.SendAsync(Request(second.BaseUrl, device, acknowledged.TakeLast(100).ToList()));
        var result = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, result.GetProperty("stored").GetInt32());
        Directory.Delete(dataDir, true);
    }

    private static int Count(List<DateTimeOffset> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task<Guid> DeviceAsync(TestDatabase database)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(TianmuApp.PersonalDataKey));
        await using var db = database.Context();
        var entity = await db.Entities.OrderBy(e => e.Name).FirstAsync();
        var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", "CRASH-1", false, DeviceProtocol.Http, null, null,
            Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
            [new ParameterSpec("ph", "pH", "", 0, 14, null, null)]), DateTimeOffset.UtcNow);
        device.SetCredential(DeviceOperations.SecretHash(Secret), protector.Protect(Secret), DateTimeOffset.UtcNow);
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    private static HttpRequestMessage Request(string baseUrl, Guid device, IReadOnlyList<DateTimeOffset> times)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { readings = times.Select(t => new { time = t, metric = "ph", value = 7.0 }) });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/ingest/readings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Device-Id", device.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(Secret, timestamp, body));
        return request;
    }
}
