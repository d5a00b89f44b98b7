using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Devices whose readings changed, waiting for their rules to run. Ingest adds a device after its
/// batch is committed; a device already waiting is not added twice, so a burst of batches costs one
/// evaluation. The worker releases a device just before evaluating it, so readings committed after
/// that queue it again.
/// </summary>
public sealed class WarningQueue(WatchedDevices watched)
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<Guid, byte> waiting = new();
    private readonly ConcurrentDictionary<Guid, byte> later = new();

    /// <summary>Queues the device after its batch <paramref name="committed"/>, handing the readings to the engine's windows.</summary>
    public void Enqueue(Guid deviceId, IReadOnlyList<Tianmu.Ingest.Reading> committed)
    {
        watched.Arrived(deviceId, committed);
        Enqueue(deviceId);
    }

    public void Enqueue(Guid deviceId)
    {
        if (waiting.TryAdd(deviceId, 0))
        {
            channel.Writer.TryWrite(deviceId);
        }
    }

    public ValueTask<Guid> NextAsync(CancellationToken ct) => channel.Reader.ReadAsync(ct);

    /// <summary>Puts a waiting device back in line after <paramref name="delay"/>; it stays waiting meanwhile, so ingest does not add it twice.</summary>
    public void Defer(Guid deviceId, TimeSpan delay, TimeProvider clock, CancellationToken ct) =>
        _ = Task.Delay(delay, clock, ct).ContinueWith(_ => channel.Writer.TryWrite(deviceId), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <summary>
    /// Adds a device after <paramref name="delay"/>, at most one such call per device pending. It is not
    /// marked as waiting meanwhile: readings arriving sooner queue it at once, as usual.
    /// </summary>
    public void EnqueueLater(Guid deviceId, TimeSpan delay, TimeProvider clock)
    {
        if (later.TryAdd(deviceId, 0))
        {
            _ = Task.Delay(delay, clock).ContinueWith(
                delayed =>
                {
                    later.TryRemove(deviceId, out _);
                    Enqueue(deviceId);
                },
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public void Release(Guid deviceId) => waiting.TryRemove(deviceId, out _);
}

/// <summary>
/// Runs the rules of each device the queue names, <see cref="Evaluators"/> devices at a time (an
/// evaluation mostly waits for the database: a warning written is a commit), each in its own scope, and
/// each device at most once per <see cref="MinInterval"/>: a device posting batches back to back is
/// evaluated a few times a second over everything that arrived meanwhile, instead of once per batch
/// (which halved ingest throughput in the benchmark). A device that comes round too early is put back
/// in line for the rest of its interval, so it never holds up the devices behind it.
/// </summary>
public sealed class WarningWorker(WarningQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WarningWorker> log) : BackgroundService
{
    /// <summary>Short against the 1-second latency target: evaluations only read what is new, so running often is cheap.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Last evaluation per device; entries older than <see cref="MinInterval"/> no longer matter and are dropped past this many.</summary>
    private const int MaxRemembered = 4096;

    /// <summary>Devices evaluated at once; one device is never evaluated twice at once (<see cref="WatchedDevices"/>).</summary>
    public const int Evaluators = 4;

    private readonly Dictionary<Guid, DateTimeOffset> lastRun = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Evaluators).Select(_ => Task.Run(() => EvaluateInTurnAsync(stoppingToken), CancellationToken.None)));

    private async Task EvaluateInTurnAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid device;
            try
            {
                device = await queue.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var now = clock.GetUtcNow();
                TimeSpan? early;
                lock (lastRun)
                {
                    early = lastRun.TryGetValue(device, out var last) && now - last < MinInterval ? MinInterval - (now - last) : null;
                    if (early is null)
                    {
                        Remember(device, now);
                    }
                }

                if (early is { } wait)
                {
                    queue.Defer(device, wait, clock, stoppingToken);
                    continue;
                }

                queue.Release(device);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Rules of device {Device} failed; they run again with its next readings", device);
            }
        }
    }

    private void Remember(Guid device, DateTimeOffset now)
    {
        if (lastRun.Count >= MaxRemembered)
        {
            foreach (var old in lastRun.Where(r => now - r.Value >= MinInterval).Select(r => r.Key).ToList())
            {
                lastRun.Remove(old);
            }
        }

        lastRun[device] = now;
    }
}

/// <summary>
/// A silent device sends nothing to evaluate, so missing-data rules are swept every minute for the
/// active devices, on one node.
/// </summary>
public sealed class SilenceSweep(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<SilenceSweep> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "silence-sweep";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(30);

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TianmuDb>();
        var engine = scope.ServiceProvider.GetRequiredService<WarningEngine>();
        foreach (var device in await db.Devices.AsNoTracking().Where(d => d.Status == DeviceStatus.Active).Select(d => d.Id).ToListAsync(ct))
        {
            await engine.EvaluateAsync(device, ct, RuleKind.MissingData);
        }
    }
}
