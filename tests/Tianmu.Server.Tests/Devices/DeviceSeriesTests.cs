using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Ingest;
using Tianmu.Server.Tests.Support;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Tests.Devices;

/// <summary>The device page's chart data: downsampled without losing a spike, with limits and episodes, inside the jurisdiction only.</summary>
public sealed class DeviceSeriesTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = "济南泉城游泳馆有限公司";

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    private async Task AppendAsync(IEnumerable<Reading> readings)
    {
        await app.Services.GetRequiredService<ReadingStore>().AppendAsync([.. readings], default);
    }

    [Fact]
    public async Task DownsamplingKeepsTheExtremesAndUnusableReadingsApart()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "SER-1");
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var start = end.AddSeconds(-20_000 * 5);
        // 20,000 pH readings every 5 s around 7.4, one spike of 9.9 and one dip of 5.1 a second long,
        // and a stretch of 300 readings flagged as maintenance (unusable) at 3.3.
        await AppendAsync(Enumerable.Range(0, 20_000).Select(i =>
        {
            var value = i == 7_777 ? 9.9 : i == 12_345 ? 5.1 : i is >= 15_000 and < 15_300 ? 3.3 : 7.4 + (0.05 * Math.Sin(i / 50.0));
            var unusable = i is >= 15_000 and < 15_300;
            return new Reading(device, "ph", start.AddSeconds(i * 5), value, unusable ? "M" : "N", !unusable, DateTimeOffset.UtcNow);
        }));

        var officer = await app.ClientForAsync("lx.officer1");
        var body = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device}/series?metric=ph&from={Iso(start.AddSeconds(-1))}&to={Iso(end.AddSeconds(1))}&maxPoints=200");
        var ph = Assert.Single(body.GetProperty("metrics").EnumerateArray());
        Assert.Equal(20_000, ph.GetProperty("readings").GetInt32());
        Assert.True(ph.GetProperty("bucketSeconds").GetInt32() > 0);
        var points = ph.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        Assert.InRange(points.Count, 50, 200);
        Assert.Equal(20_000, points.Sum(p => (int)p[3]));
        Assert.Equal(9.9, points.Max(p => p[2]));
        Assert.Equal(5.1, points.Where(p => p[4] == 1).Min(p => p[1]));
        Assert.All(points.Where(p => p[4] == 0), p => Assert.Equal(3.3, p[1]));
        Assert.Equal(300, points.Where(p => p[4] == 0).Sum(p => (int)p[3]));
        Assert.DoesNotContain(points, p => p[4] == 1 && p[1] == 3.3);

        // The pool-water pack watches pH at 7.0–7.8 (GB 37488-2019).
        var limit = Assert.Single(ph.GetProperty("limits").EnumerateArray(), l => l.GetProperty("ruleCode").GetString() == "POOL-PH");
        Assert.Equal(7.0, limit.GetProperty("min").GetDouble());
        Assert.Equal(7.8, limit.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task FewReadingsComeRawAndEveryMetricCarriesItsOwnEpisodes()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "SER-2");
        var now = DateTimeOffset.UtcNow;
        await AppendAsync(Enumerable.Range(0, 30).Select(i => new Reading(device, "free_chlorine", now.AddMinutes(-60 + i), i == 10 ? 0.1 : 0.5, "N", true, now)));
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        var warningId = Guid.CreateVersion7();
        await using (var db = app.Db())
        {
            var entity = db.Entities.Single(e => e.Name == Pool);
            var rule = pack.Rules.Single(r => r.Code == "POOL-FCL-LOW");
            db.Warnings.Add(new Warning(warningId, new RaisedBy(pack, rule), new WarningSubject(device, entity.Id, entity.AgencyId, entity.AgencyPath),
                new Episode(now.AddMinutes(-50), now.AddMinutes(-35), null, [new Sample(now.AddMinutes(-50), 0.1, true)], "游离性余氯 0.1 mg/L 低于下限"), now.AddMinutes(-35)));
            await db.SaveChangesAsync();
        }

        var body = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device}/series");
        var metrics = body.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!);
        Assert.Equal(["free_chlorine", "ph"], metrics.Keys.Order(StringComparer.Ordinal));
        var chlorine = metrics["free_chlorine"];
        Assert.Equal(JsonValueKind.Null, chlorine.GetProperty("bucketSeconds").ValueKind);
        Assert.Equal(30, chlorine.GetProperty("points").GetArrayLength());
        Assert.Contains(chlorine.GetProperty("points").EnumerateArray(), p => p[1].GetDouble() == 0.1);
        var episode = Assert.Single(chlorine.GetProperty("episodes").EnumerateArray());
        Assert.Equal(warningId, episode.GetProperty("warningId").GetGuid());
        Assert.True(episode.GetProperty("continuing").GetBoolean());
        Assert.Empty(metrics["ph"].GetProperty("episodes").EnumerateArray());
        Assert.Empty(metrics["ph"].GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task OnlyTheDevicesJurisdictionSeesItsSeries()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "SER-3");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/devices/{device}/series")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("szq.officer1")).GetAsync($"/api/v1/devices/{device}/series")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("sd.inspector")).GetAsync($"/api/v1/devices/{device}/series")).StatusCode);

        var officer = await app.ClientForAsync("lx.officer1");
        var unknown = await Problem.ReadAsync(await officer.GetAsync($"/api/v1/devices/{device}/series?metric=co2"), HttpStatusCode.BadRequest);
        Assert.Contains("metric", unknown.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var tooLong = DateTimeOffset.UtcNow.AddDays(-400);
        await Problem.ReadAsync(await officer.GetAsync($"/api/v1/devices/{device}/series?from={Iso(tooLong)}"), HttpStatusCode.BadRequest);
    }
}
