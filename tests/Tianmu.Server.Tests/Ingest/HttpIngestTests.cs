using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>HTTP ingest: device signature and replay window, idempotency, partial batches, evidence usability per reading.</summary>
public sealed class HttpIngestTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>An active, calibrated analyser with free_chlorine and ph, and its freshly issued secret.</summary>
    private Task<(Guid Id, string Secret)> DeviceAsync(string serial, bool activate = true) =>
        TestDevices.ActiveAsync(app, "济南奥体游泳健身有限公司", serial, activate: activate);

    private Task<HttpResponseMessage> PushAsync(Guid device, string secret, object batch, DateTimeOffset? signedAt = null, string? signature = null) =>
        TestDevices.PushAsync(app, device, secret, batch, signedAt, signature);

    private static object Batch(params (DateTimeOffset Time, string Metric, double? Value, string? Quality)[] readings) => TestDevices.Batch(readings);

    private static DateTimeOffset Minutes(int ago) => DateTimeOffset.UtcNow.AddMinutes(-ago).ToOffset(Cst);

    [Fact]
    public async Task ASignedBatchIsStoredAndItsDuplicatesAreNot()
    {
        var (device, secret) = await DeviceAsync("ING-1");
        var batch = Batch((Minutes(3), "free_chlorine", 0.45, "N"), (Minutes(3), "ph", 7.2, null), (Minutes(2), "free_chlorine", 0.2, "M"));
        var first = await (await PushAsync(device, secret, batch)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, first.GetProperty("stored").GetInt32());

        // The same readings again — a retry, or a replay inside the window — store nothing new.
        var again = await (await PushAsync(device, secret, batch)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("stored").GetInt32());
        Assert.Equal(3, again.GetProperty("duplicates").GetInt32());

        await using var db = app.Db();
        var stored = await db.Readings.Where(r => r.DeviceId == device).OrderBy(r => r.DeviceTime).ThenBy(r => r.Metric).ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.True(stored.Single(r => r.Metric == "ph").Usable);
        Assert.False(stored.Single(r => r.Quality == "M").Usable); // maintenance flag: never evidence of a violation
    }

    [Fact]
    public async Task OfficersReadTheSeriesTheDeviceSent()
    {
        var (device, secret) = await DeviceAsync("ING-7");
        await PushAsync(device, secret, Batch((Minutes(30), "ph", 7.0, "N"), (Minutes(20), "ph", 7.2, "N"), (Minutes(10), "ph", 7.4, "C")));
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var series = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device}/readings?metric=ph&from={from}");
        Assert.Equal([7.0, 7.2, 7.4], series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("mean").GetDouble()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/devices/{device}/readings?metric=ph")).StatusCode);
    }

    [Fact]
    public async Task LateAndOutOfOrderReadingsAreAccepted()
    {
        var (device, secret) = await DeviceAsync("ING-2");
        Assert.Equal(HttpStatusCode.OK, (await PushAsync(device, secret, Batch((Minutes(1), "ph", 7.1, "N")))).StatusCode);
        var late = await (await PushAsync(device, secret, Batch((Minutes(600), "ph", 7.0, "N"), (Minutes(300), "ph", 7.3, "N")))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, late.GetProperty("stored").GetInt32());
        await using var db = app.Db();
        Assert.Equal([7.0, 7.3, 7.1], await db.Readings.Where(r => r.DeviceId == device).OrderBy(r => r.DeviceTime).Select(r => r.Value).ToListAsync());
    }

    [Fact]
    public async Task APartialBatchKeepsItsGoodReadingsAndReportsEachBadOne()
    {
        var (device, secret) = await DeviceAsync("ING-3");
        var batch = new
        {
            readings = new object[]
            {
                new { time = Minutes(5), metric = "free_chlorine", value = 0.5 },
                new { time = Minutes(5), metric = "turbidity", value = 0.3 },                 // not registered on this device
                new { time = DateTimeOffset.UtcNow.AddHours(2), metric = "ph", value = 7.0 }, // from the future
                new { time = Minutes(4), metric = "ph" },                                     // no value
                new { metric = "ph", value = 7.0 },                                           // no time
                new { time = Minutes(4), metric = "ph", value = 7.4, quality = "X" },         // unknown flag
                new { time = Minutes(3), metric = "ph", value = 7.4 },
            },
        };
        var result = await (await PushAsync(device, secret, batch)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("stored").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("code").GetString());
        Assert.Equal(new Dictionary<int, string?>
        {
            [1] = "ingest.unknown_metric",
            [2] = "ingest.future_time",
            [3] = "ingest.bad_value",
            [4] = "ingest.missing_time",
            [5] = "ingest.bad_flag",
        }, rejected);
    }

    [Fact]
    public async Task ReadingsBeforeActivationAreStoredButNotEvidence()
    {
        var (device, secret) = await DeviceAsync("ING-4", activate: false);
        Assert.Equal(HttpStatusCode.OK, (await PushAsync(device, secret, Batch((Minutes(2), "ph", 7.0, "N")))).StatusCode);
        await using var db = app.Db();
        Assert.False((await db.Readings.SingleAsync(r => r.DeviceId == device)).Usable);
    }

    [Fact]
    public async Task WrongSignaturesStaleTimestampsAndRevokedKeysAreRefused()
    {
        var (device, secret) = await DeviceAsync("ING-5");
        var batch = Batch((Minutes(1), "ph", 7.0, "N"));
        Assert.Equal("ingest.unauthenticated", (await Problem.ReadAsync(await PushAsync(device, secret, batch, signature: new string('a', 64)), HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("ingest.unauthenticated", (await Problem.ReadAsync(await PushAsync(device, "dk_wrong", batch), HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("ingest.unauthenticated", (await Problem.ReadAsync(await PushAsync(Guid.CreateVersion7(), secret, batch), HttpStatusCode.Unauthorized)).Code);
        var replay = await PushAsync(device, secret, batch, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal("ingest.stale_timestamp", (await Problem.ReadAsync(replay, HttpStatusCode.Unauthorized)).Code);

        (await (await app.ClientForAsync("lx.officer1")).DeleteAsync($"/api/v1/devices/{device}/credential")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(device, secret, batch)).StatusCode);
        await using var db = app.Db();
        Assert.Equal(0, await db.Readings.CountAsync(r => r.DeviceId == device));
    }

    [Fact]
    public async Task BatchesAreBounded()
    {
        var (device, secret) = await DeviceAsync("ING-6");
        var tooMany = new { readings = Enumerable.Range(0, HttpIngest.MaxReadings + 1).Select(i => new { time = Minutes(100).AddSeconds(i), metric = "ph", value = 7.0 }) };
        var problem = await Problem.ReadAsync(await PushAsync(device, secret, tooMany), HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("readings", out _));

        var empty = await PushAsync(device, secret, new { readings = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var malformed = Encoding.UTF8.GetBytes("{\"readings\": [");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/readings") { Content = new ByteArrayContent(malformed) };
        request.Headers.Add("X-Device-Id", device.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(secret, timestamp, malformed));
        Assert.Equal("malformed_json", (await Problem.ReadAsync(await app.Anonymous().SendAsync(request), HttpStatusCode.BadRequest)).Code);
    }
}
