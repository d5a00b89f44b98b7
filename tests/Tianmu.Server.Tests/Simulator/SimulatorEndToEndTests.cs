using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Ingest;
using Tianmu.Ingest.AiEvents;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Demo;
using Tianmu.Server.SelfReports;
using Tianmu.Server.Tests.Support;
using Tianmu.Simulator;
using Tianmu.Simulator.Devices;
using Tianmu.Simulator.Signals;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>
/// The simulator against the real server process with the demo devices, over real HTTP and real TCP:
/// readings of HTTP and HJ 212 devices are stored, evidence-usable, with the injected episodes in them;
/// the AI camera's events are stored and its covered lens opens an incident; the pools' self-reports
/// are stored with their commitment, 泉城's contradicting its own sensor.
/// </summary>
public sealed class SimulatorEndToEndTests
{
    [Fact]
    public async Task TheDemoDevicesCameraAndPoolsReportWithTheirEpisodes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = await ServerProcess.StartAsync(database, Directory.CreateTempSubdirectory("tianmu-sim-").FullName, "--Tianmu:DemoDevices=true");
        var options = new SimulatorOptions
        {
            Server = new Uri(server.BaseUrl),
            Hj212 = $"127.0.0.1:{server.Hj212Port}",
            Password = DemoData.Password,
            Hj212Password = DemoDevices.Hj212Password,
            Backfill = TimeSpan.FromMinutes(40), // with a 30-minute period: one whole occurrence of every episode
            EpisodePeriod = TimeSpan.FromMinutes(30),
            Interval = TimeSpan.FromSeconds(1),
            CameraInterval = TimeSpan.FromSeconds(5),
            LateShare = 0,
        };
        var log = new ConcurrentQueue<string>();
        using var http = new HttpClient { BaseAddress = options.Server };
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var started = DateTimeOffset.UtcNow;
        var running = new Simulation(options, http, log.Enqueue).RunAsync(stop.Token);
        while (!log.Any(l => l.StartsWith("已补发", StringComparison.Ordinal)) && !running.IsCompleted)
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(4)); // a few live ticks
        // 泉城 fills in today's self-test once its chlorinator has failed: 30 s after the start.
        while (!log.Any(l => l.StartsWith("济南泉城游泳馆有限公司（自律报送", StringComparison.Ordinal)) && !running.IsCompleted)
        {
            await Task.Delay(500);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.DoesNotContain(log, l => l.Contains("失败", StringComparison.Ordinal) || l.Contains("拒收", StringComparison.Ordinal));

        await using var db = database.Context();
        var bySerial = await db.Devices.ToDictionaryAsync(d => d.SerialNumber, d => d.Id);
        async Task<List<Reading>> ReadingsOf(string serial, string metric) =>
            await db.Readings.Where(r => r.DeviceId == bySerial[serial] && r.Metric == metric).OrderBy(r => r.DeviceTime).ToListAsync();

        var httpChlorine = await ReadingsOf("LH20250311", "free_chlorine"); // 泉城游泳馆, HTTP, low chlorine
        var hj212Ph = await ReadingsOf("JG2024A0917", "ph");                 // 明湖, HJ 212, flat-lined pH
        var hj212Chlorine = await ReadingsOf("JG2024A0917", "free_chlorine");
        var silent = await ReadingsOf("LH20250602", "ph");                  // 奥体, HTTP, silent 8 minutes before the start
        foreach (var series in new[] { httpChlorine, hj212Ph, hj212Chlorine })
        {
            Assert.Contains(series, r => r.DeviceTime >= started);       // live
            Assert.Contains(series, r => r.DeviceTime < started.AddMinutes(-30)); // back-filled
            Assert.All(series, r => Assert.True(r.Usable && r.Quality == "N"));
        }

        Assert.Contains(httpChlorine, r => r.Value < 0.3);
        Assert.Contains(httpChlorine, r => r.Value >= 0.3);
        var runs = hj212Ph.Zip(hj212Ph.Skip(1)).Count(p => p.First.Value == p.Second.Value && p.Second.DeviceTime - p.First.DeviceTime <= TimeSpan.FromMinutes(1));
        Assert.True(runs >= 10, $"pH repeated {runs} times");
        Assert.DoesNotContain(silent, r => r.DeviceTime >= started.AddMinutes(-7) && r.DeviceTime < started);
        Assert.Contains(silent, r => r.DeviceTime < started.AddMinutes(-9));

        await TheCameraWasWatched(db, bySerial["HK2025J7731"], started);
        await ThePoolsSelfReported(db, httpChlorine, hj212Chlorine);
    }

    /// <summary>Patrols back-filled and live, violations, all with their snapshot; the covered lens (in the back-fill) opened one Obstructed incident.</summary>
    private static async Task TheCameraWasWatched(TianmuDb db, Guid camera, DateTimeOffset started)
    {
        var events = await db.AiEvents.Include(e => e.Media).Where(e => e.DeviceId == camera).ToListAsync();
        Assert.Contains(events, e => e.Type == "patrol" && e.OccurredAt < started.AddMinutes(-30));
        Assert.Contains(events, e => e.Type == "patrol" && e.OccurredAt >= started);
        Assert.All(events, e => Assert.True(e.Usable && e.Camera == CameraDevice.Camera && e.Media.Count == 1 && e.Media.First().Kind == MediaKind.Snapshot));
        Assert.Equal(events.Count, events.Select(e => e.Media.First().Sha256).Distinct().Count());
        Assert.NotNull(await db.CameraBaselines.SingleOrDefaultAsync(b => b.DeviceId == camera));
        var incident = Assert.Single(await db.DeviceIncidents.Where(i => i.DeviceId == camera).ToListAsync());
        Assert.Equal(IncidentKind.Obstructed, incident.Kind);
    }

    /// <summary>Each self-reporting pool's reports carry the form's commitment; 泉城's today says compliant chlorine while its sensor read below 0.3 the moment it was made; 明湖's agrees with its sensor.</summary>
    private static async Task ThePoolsSelfReported(TianmuDb db, List<Reading> quanchengSensor, List<Reading> minghuSensor)
    {
        var form = await db.SelfReportForms.SingleAsync(f => f.Name == DemoSelfReports.FormName);
        var reports = await db.SelfReports.Join(db.Entities, r => r.EntityId, e => e.Id, (r, e) => new { r, e.Name }).ToListAsync();
        Assert.Equal(Scenarios.SelfReporting.Keys.Order(), reports.Select(x => x.Name).Distinct().Order());
        Assert.All(reports, x => Assert.Equal((form.Id, form.CommitmentText, Commitments.Hash(form.CommitmentText)), (x.r.FormId, x.r.CommitmentText, x.r.CommitmentHash)));
        Assert.Contains(reports, x => x.r.PeriodStart < ChinaTime.DateOf(DateTimeOffset.UtcNow)); // back-filled days

        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        double Chlorine(SelfReport r) => double.Parse(JsonDocument.Parse(r.ValuesJson).RootElement.EnumerateArray()
            .Single(v => v.GetProperty("code").GetString() == "free_chlorine").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        double Nearest(List<Reading> sensor, DateTimeOffset at) => sensor.MinBy(r => (r.DeviceTime - at).Duration())!.Value;

        var quancheng = reports.Single(x => x.Name == "济南泉城游泳馆有限公司" && x.r.PeriodStart == today).r;
        Assert.InRange(Chlorine(quancheng), 0.55, 0.65);
        Assert.True(Nearest(quanchengSensor, quancheng.SubmittedAt) < 0.3, $"sensor at {quancheng.SubmittedAt:o}: {Nearest(quanchengSensor, quancheng.SubmittedAt)}");

        var minghu = reports.Single(x => x.Name == "济南明湖水上运动中心" && x.r.PeriodStart == today).r;
        Assert.InRange(Chlorine(minghu) - Nearest(minghuSensor, minghu.SubmittedAt), -0.05, 0.05);
    }
}
