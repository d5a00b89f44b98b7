using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Demo;
using Tianmu.Server.Devices;
using Tianmu.Server.Warnings;

namespace Tianmu.Bench;

/// <summary>What one run of <see cref="WarningLoad"/> achieved: ingest rate and, with rules, each injected violation's latency.</summary>
public sealed record WarningRun(
    string Name, long Acknowledged, double Seconds, long PeakMemory, double ServerCpuSeconds, int RulesPerDevice, IReadOnlyList<double> LatenciesMs, int Injected, int Missed, int WarningsRaised)
{
    public double Rate => Acknowledged / Seconds;
}

/// <summary>
/// HTTP ingest at the ingest benchmark's rate — each sender posting signed batches of ~1,000 pool-water
/// readings (free chlorine, pH, turbidity) back to back, round-robin over its devices — with violations
/// injected at known moments. A device's readings follow one device-time line that starts 50 minutes
/// back (inside the threshold rules' look-back) so rules see them as recent. An injection is the device's
/// next batch: one metric out of range for 15 min 18 s of device time (the packs' 15-minute duration),
/// then back in range; its latency runs from the moment its HTTP answer arrives to the first poll of
/// <c>GET /api/v1/warnings</c> (as an officer of the city, polling every 25 ms in both runs) that lists the
/// warning with that episode start. Each device gets one violation of each of three rules (low free
/// chlorine, pH, turbidity), spread over the run: 96 warnings in all with the default 4 senders, about
/// five a second — far more than an agency sees, few enough that raising them does not dominate.
/// Without rules the devices belong to entities whose catalog items name no rule pack (schools,
/// clinics…): same load, same polling, nothing to evaluate.
/// </summary>
public static class WarningLoad
{
    public const int DevicesPerSender = 8;
    public const int InjectionsPerDevice = 3;
    public const string Officer = "jn.officer1";

    public const int WarmUpSeconds = 45;

    /// <summary>Timestamps per background batch, three readings each; 1 ms apart.</summary>
    private const int BackgroundTimestamps = 333;

    private static readonly TimeSpan BackgroundSpacing = TimeSpan.FromMilliseconds(1);

    /// <summary>Injection: 306 timestamps 3 s apart out of range (915 s ≥ the 15-minute duration), then 4 back in range.</summary>
    private const int InjectionTimestamps = 310;
    private const int InjectionBad = 306;
    private static readonly TimeSpan InjectionSpacing = TimeSpan.FromSeconds(3);

    private static readonly string[] Metrics = ["free_chlorine", "ph", "turbidity"];

    private static readonly (string Rule, string Metric, double Bad)[] Violations =
    [
        ("POOL-FCL-LOW", "free_chlorine", 0.1), ("POOL-PH", "ph", 6.5), ("POOL-TURBIDITY", "turbidity", 2.0),
    ];

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);

    public static async Task<WarningRun> RunAsync(BenchServer server, DatabaseSettings settings, string key, int senders, int seconds, bool withRules)
    {
        var all = await DevicesAsync(settings, key, senders * (DevicesPerSender + 1), withRules);
        var (devices, warmers) = (all[..(senders * DevicesPerSender)], all[(senders * DevicesPerSender)..]);
        var start = DateTimeOffset.UtcNow;
        var origin = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero).AddMinutes(-50);
        var plans = devices.Select((d, g) => new DevicePlan(d.Id, origin,
            [.. Enumerable.Range(0, InjectionsPerDevice).Select(k => TimeSpan.FromSeconds(0.5 + ((k + ((double)g / devices.Count)) * (seconds - 2.5) / InjectionsPerDevice)))])).ToList();

        var officer = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        officer.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(officer));
        var pending = new ConcurrentDictionary<(Guid Device, string Rule, DateTimeOffset Start), long>();
        var latencies = new ConcurrentBag<double>();
        var injected = 0;
        var acknowledged = 0L;

        // Unmeasured warm-up with the same background load, plus violations on one more device per sender
        // (never measured), so both runs are measured once the JIT has compiled what they run — ingest and,
        // with rules, raising and notifying — as in a server that has been up a while. A cold process spends
        // about a minute and 16 CPU-seconds compiling, much of it during a short run's measured seconds.
        var warmUpStart = Stopwatch.StartNew();
        var warming = warmers.Select(d => new DevicePlan(d.Id, origin,
            [.. Enumerable.Range(1, InjectionsPerDevice).Select(k => TimeSpan.FromSeconds(k * WarmUpSeconds / (InjectionsPerDevice + 1.0)))])).ToList();
        using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(WarmUpSeconds)))
        {
            await SendAsync(server, [.. Enumerable.Range(0, senders).Select(s => (List<DevicePlan>)[.. Mine(plans, s), warming[s]])], warmUp.Token,
                plan => warming.Contains(plan) ? plan.DueViolation(warmUpStart.Elapsed) : null, (plan, _, violation, _) =>
                {
                    if (violation is not null)
                    {
                        plan.Injected();
                    }
                });
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var pollStop = new CancellationTokenSource();
        var memory = server.PeakMemoryAsync(stop.Token);
        var cpu = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        // The officer polls in both runs, so the comparison is of the rules alone.
        var poller = PollAsync(officer, pending, latencies, clock, pollStop.Token);
        await SendAsync(server, [.. Enumerable.Range(0, senders).Select(s => Mine(plans, s))], stop.Token, plan => plan.DueViolation(clock.Elapsed), (plan, count, violation, episodeStart) =>
        {
            var answered = clock.ElapsedTicks;
            Interlocked.Add(ref acknowledged, count);
            if (violation is { } done)
            {
                plan.Injected();
                Interlocked.Increment(ref injected);
                if (withRules)
                {
                    pending[(plan.Device, Violations[done].Rule, episodeStart)] = answered;
                }
            }
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        cpu = server.CpuSeconds() - cpu;

        // Warnings still due after the load stopped get 10 s more; any not seen by then are missed.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (withRules && !pending.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await pollStop.CancelAsync();
        await poller;
        var raised = 0;
        await using (var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext())
        {
            raised = await db.Warnings.CountAsync();
        }

        var name = withRules ? "with the pool-water rule pack" : "no rule pack applies";
        return new WarningRun(name, acknowledged, elapsed, await memory, cpu, devices[0].Rules, [.. latencies.Order()], injected, pending.Count, raised);
    }

    /// <summary>
    /// Each sender posts batches back to back, round-robin over its devices, until <paramref name="stop"/>:
    /// the violation <paramref name="due"/> names, else background; <paramref name="answered"/> is told of
    /// each batch as soon as its answer arrives (device, readings, violation, episode start).
    /// </summary>
    private static Task SendAsync(BenchServer server, IReadOnlyList<List<DevicePlan>> perSender, CancellationToken stop,
        Func<DevicePlan, int?> due, Action<DevicePlan, int, int?, DateTimeOffset> answered) =>
        Task.WhenAll(perSender.Select(mine => Task.Run(async () =>
        {
            using var http = new HttpClient();
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var plan = mine[turn % mine.Count];
                var violation = due(plan);
                var (body, count, episodeStart) = violation is { } v ? plan.Injection(Violations[v]) : plan.Background();
                var response = await http.SendAsync(HttpLoad.Request(server.BaseUrl, plan.Device, body), CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                answered(plan, count, violation, episodeStart);
            }
        })));

    private static List<DevicePlan> Mine(List<DevicePlan> plans, int sender) => [.. plans.Skip(sender * DevicesPerSender).Take(DevicesPerSender)];

    /// <summary>Polls the officer's list of open violation warnings all along (in both runs); each pending injection is matched by device, rule and episode start.</summary>
    private static async Task PollAsync(
        HttpClient officer, ConcurrentDictionary<(Guid, string, DateTimeOffset), long> pending, ConcurrentBag<double> latencies, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var page = await officer.GetFromJsonAsync<JsonElement>("/api/v1/warnings?open=true&category=Violation&status=New&pageSize=200", CancellationToken.None);
            var seen = clock.ElapsedTicks;
            foreach (var w in page.GetProperty("items").EnumerateArray())
            {
                var id = (w.GetProperty("deviceId").GetGuid(), w.GetProperty("ruleCode").GetString()!, w.GetProperty("episodeStart").GetDateTimeOffset());
                if (pending.TryRemove(id, out var answered))
                {
                    latencies.Add((seen - answered) * 1000.0 / Stopwatch.Frequency);
                }
            }

            try
            {
                await Task.Delay(PollEvery, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = Officer, password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private sealed record BenchDevice(Guid Id, int Rules);

    /// <summary>
    /// Active, calibrated pool-water analysers (readings usable as evidence) on the city's entities in
    /// 济南: public places (the catalog's pool-water and indoor-air packs apply) or, without rules,
    /// schools, clinics, radiology and disinfection firms (no catalog item names a pack for them).
    /// </summary>
    private static async Task<List<BenchDevice>> DevicesAsync(DatabaseSettings settings, string key, int count, bool withRules)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(key));
        await using var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext();
        var entities = (await db.Entities.Where(e => e.AgencyPath.StartsWith("/370000/370100/")).ToListAsync())
            .Where(e => withRules ? e.Category == EntityCategory.PublicPlace : e.Category is not (EntityCategory.PublicPlace or EntityCategory.DrinkingWater))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var added = new List<Device>();
        for (var i = 0; i < count; i++)
        {
            var entity = entities[i % entities.Count];
            var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", "WBENCH-" + i, false, DeviceProtocol.Http,
                null, null, Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
                [new ParameterSpec("free_chlorine", "游离性余氯", "mg/L", 0, 5, null, null), new ParameterSpec("ph", "pH", "", 0, 14, null, null),
                    new ParameterSpec("turbidity", "浑浊度", "NTU", 0, 100, null, null)]), DateTimeOffset.UtcNow);
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            foreach (var action in new[] { DeviceAction.Review, DeviceAction.Confirm, DeviceAction.PostNotice, DeviceAction.Activate })
            {
                at = at.AddHours(1);
                db.DeviceStatusChanges.Add(device.Move(action, at, "bench", null)!);
            }

            device.SetCredential(DeviceOperations.SecretHash(HttpLoad.SecretOf(device.Id)), protector.Protect(HttpLoad.SecretOf(device.Id)), DateTimeOffset.UtcNow);
            db.Devices.Add(device);
            db.Calibrations.Add(new CalibrationCertificate(Guid.CreateVersion7(), device.Id, "JD-WBENCH-" + i, "计量院", today.AddDays(-30), today.AddDays(300)));
            added.Add(device);
        }

        await db.SaveChangesAsync();
        var rules = new ApplicableRules(db, TimeProvider.System);
        var result = new List<BenchDevice>();
        foreach (var device in added)
        {
            result.Add(new BenchDevice(device.Id, (await rules.ForAsync(device, device.Entity!, default)).Count));
        }

        return result;
    }

    /// <summary>One device's line of device time and its injections due (by run time), one of each violation.</summary>
    private sealed class DevicePlan(Guid device, DateTimeOffset origin, TimeSpan[] due)
    {
        private DateTimeOffset cursor = origin;
        private int next;
        private int step;

        public Guid Device => device;

        /// <summary>The violation to inject now, if one is due.</summary>
        public int? DueViolation(TimeSpan elapsed) => next < due.Length && elapsed >= due[next] ? next : null;

        public void Injected() => next++;

        public (byte[] Body, int Count, DateTimeOffset Start) Background()
        {
            var from = cursor;
            var body = Body(from, BackgroundTimestamps, BackgroundSpacing, (i, metric) => Normal(metric, step + i));
            cursor += BackgroundSpacing * BackgroundTimestamps;
            step += BackgroundTimestamps;
            return (body, BackgroundTimestamps * Metrics.Length, from);
        }

        public (byte[] Body, int Count, DateTimeOffset Start) Injection((string Rule, string Metric, double Bad) violation)
        {
            var from = cursor + BackgroundSpacing;
            var body = Body(from, InjectionTimestamps, InjectionSpacing, (i, metric) => metric == violation.Metric && i < InjectionBad ? violation.Bad : Normal(metric, step + i));
            cursor = from + (InjectionSpacing * InjectionTimestamps);
            step += InjectionTimestamps;
            return (body, InjectionTimestamps * Metrics.Length, from);
        }

        /// <summary>In range, with a little variation so no value is flat.</summary>
        private static double Normal(string metric, int i)
        {
            var wobble = ((i % 7) - 3) * 0.01;
            return metric switch { "free_chlorine" => 0.5 + wobble, "ph" => 7.4 + wobble, _ => 0.3 + wobble };
        }

        private static byte[] Body(DateTimeOffset from, int timestamps, TimeSpan spacing, Func<int, string, double> value)
        {
            var buffer = new ArrayBufferWriter<byte>(80 * 1024);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("readings");
                for (var i = 0; i < timestamps; i++)
                {
                    var time = from + (spacing * i);
                    foreach (var metric in Metrics)
                    {
                        json.WriteStartObject();
                        json.WriteString("time", time);
                        json.WriteString("metric", metric);
                        json.WriteNumber("value", Math.Round(value(i, metric), 3));
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }
}
