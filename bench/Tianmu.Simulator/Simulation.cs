using Tianmu.Common;
using Tianmu.Simulator.Devices;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator;

/// <summary>
/// Signs in, turns each active demo device into a source (issuing HTTP devices and the camera a fresh
/// secret), adds the pools' self-reporters, back-fills their history, then ticks every source each
/// interval until stopped.
/// </summary>
public sealed class Simulation(SimulatorOptions options, HttpClient http, Action<string> log)
{
    private Task<CameraImages?>? images;

    public async Task<IReadOnlyList<ISource>> PrepareAsync(DateTimeOffset anchor, CancellationToken ct)
    {
        var api = new TianmuApi(http);
        await api.WaitHealthyAsync(TimeSpan.FromSeconds(120), ct);
        await api.SignInAsync(options.User, options.Password, ct);
        var sources = new List<ISource>();
        var pools = new Dictionary<string, DeviceSignal>(); // what each pool's water holds, for its staff's self-tests
        foreach (var device in await api.ActiveDevicesAsync(ct))
        {
            if (device.Summary.Type == "AiCamera")
            {
                sources.AddRange(await CameraAsync(api, device, anchor, ct));
                continue;
            }

            var metrics = device.Parameters.Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
            if (SiteModels.KindOf(metrics) is not { } kind)
            {
                continue; // recorders and other devices without a site model
            }

            var name = $"{device.Summary.EntityName}（{(device.Protocol == "Hj212" ? "HJ 212 " + device.Hj212Mn : "HTTP")}）";
            var signal = new DeviceSignal(device.Summary.Id.ToString(), kind, metrics, Scenarios.For(device.Summary.EntityName), anchor, options.EpisodePeriod);
            if (kind == SiteKind.Pool)
            {
                pools.TryAdd(device.Summary.EntityName, signal);
            }

            if (device.Protocol == "Hj212")
            {
                if (options.Hj212 is not { } endpoint || device.Hj212Mn is null)
                {
                    continue;
                }

                var (host, port) = Endpoint(endpoint);
                sources.Add(new Hj212Device(name, host, port, device.Hj212Mn, options.Hj212Password, signal, options.LateShare, log));
            }
            else
            {
                sources.Add(new HttpDevice(name, device.Summary.Id, await api.IssueCredentialAsync(device.Summary.Id, ct), http, signal, options.LateShare, log));
            }

            log($"{name}：{string.Join("、", metrics)}{Describe(signal.Episodes)}");
        }

        sources.AddRange(Reporters(pools, anchor));
        if (sources.Count == 0)
        {
            log("没有可模拟的启用设备：请以 --Tianmu:Demo true --Tianmu:DemoDevices true 启动服务器（./run.sh 即如此）。");
        }

        return sources;
    }

    /// <summary>The AI camera, unless ffmpeg cannot draw its snapshots (then it is left out, said once).</summary>
    private async Task<IEnumerable<ISource>> CameraAsync(TianmuApi api, SimDevice device, DateTimeOffset anchor, CancellationToken ct)
    {
        if (device.Protocol != "Http" || await (images ??= CameraImages.DrawAsync(log, ct)) is not { } drawn)
        {
            return [];
        }

        var name = $"{device.Summary.EntityName}（AI 摄像头）";
        var episodes = Scenarios.For(device.Summary.EntityName);
        var schedule = new CameraSchedule(device.Summary.Id.ToString(), episodes, anchor, options.EpisodePeriod, options.CameraInterval);
        log($"{name}：每 {options.CameraInterval.TotalSeconds:0} 秒巡检抓拍，不时识别违规{Describe(episodes)}");
        return [new CameraDevice(name, device.Summary.Id, await api.IssueCredentialAsync(device.Summary.Id, ct), http, schedule, drawn, log)];
    }

    /// <summary>The pools whose staff self-report from their own accounts (demo accounts share the demo password).</summary>
    private IEnumerable<ISource> Reporters(Dictionary<string, DeviceSignal> pools, DateTimeOffset anchor)
    {
        foreach (var (entity, plan) in Scenarios.SelfReporting)
        {
            if (pools.TryGetValue(entity, out var sensor))
            {
                log($"{entity}：以 {plan.Account} 报送每日水质自检{(plan.CopiesGoodChlorine ? "；注入：余氯偏低时照报“达标”（约 0.6 mg/L）" : "")}");
                yield return new SelfReporter(entity, plan, sensor, new PortalApi(http, plan.Account, options.Password), ChinaTime.DateOf(anchor), log);
            }
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var anchor = DateTimeOffset.UtcNow;
        var sources = await PrepareAsync(anchor, ct);
        if (options.Backfill > TimeSpan.Zero)
        {
            await EachAsync(sources, s => s.BackfillAsync(anchor - options.Backfill, anchor, ct));
            log($"已补发最近 {options.Backfill.TotalHours:0.#} 小时的历史：{Totals(sources)}。");
        }

        var nextReport = DateTimeOffset.UtcNow.AddMinutes(1);
        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            var now = DateTimeOffset.UtcNow;
            await EachAsync(sources, s => s.TickAsync(now, ct));
            if (now >= nextReport)
            {
                log($"运行中：{sources.Count} 个数据源，累计发送 {Totals(sources)}。");
                nextReport = now.AddMinutes(1);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>Runs a step on every source at once; one failing source is logged and does not stop the others.</summary>
    private async Task EachAsync(IReadOnlyList<ISource> sources, Func<ISource, Task> step) =>
        await Task.WhenAll(sources.Select(async s =>
        {
            try
            {
                await step(s);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log($"{s.Name}：发送失败：{e.Message}");
            }
        }));

    private static string Totals(IReadOnlyList<ISource> sources) =>
        string.Join("、", sources.GroupBy(s => s.Unit).Select(g => $"{g.Sum(s => s.Sent)} {g.Key}"));

    private static (string Host, int Port) Endpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var port)
            ? (endpoint[..colon], port)
            : throw new ArgumentException($"--hj212 的值“{endpoint}”无效，须为 主机:端口。");
    }

    private static string Describe(IReadOnlyList<Episode> episodes) =>
        episodes.Count == 0 ? "" : "；注入：" + string.Join("、", episodes.Select(e => e.Kind switch
        {
            EpisodeKind.LowChlorine => "游离性余氯偏低",
            EpisodeKind.FlatLine => $"{e.Metric} 读数恒定不变",
            EpisodeKind.Covered => "镜头被遮挡",
            _ => "设备静默",
        }));
}
