using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using Tianmu.Simulator;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>
/// The simulator against the real server process with the demo devices, over real HTTP and real TCP:
/// readings of HTTP and HJ 212 devices are stored, evidence-usable, with the injected episodes in them.
/// </summary>
public sealed class SimulatorEndToEndTests
{
    [Fact]
    public async Task TheDemoDevicesReportOverHttpAndHj212WithTheirEpisodes()
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
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.DoesNotContain(log, l => l.Contains("失败", StringComparison.Ordinal));

        await using var db = database.Context();
        var bySerial = await db.Devices.ToDictionaryAsync(d => d.SerialNumber, d => d.Id);
        async Task<List<Tianmu.Ingest.Reading>> ReadingsOf(string serial, string metric) =>
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
    }
}
