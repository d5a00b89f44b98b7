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
public sealed class WarningQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> waiting = new();

    public void Enqueue(Guid deviceId)
    {
        if (waiting.TryAdd(deviceId, 0))
        {
            channel.Writer.TryWrite(deviceId);
        }
    }

    public ValueTask<Guid> NextAsync(CancellationToken ct) => channel.Reader.ReadAsync(ct);

    public void Release(Guid deviceId) => waiting.TryRemove(deviceId, out _);
}

/// <summary>
/// Runs the rules of each device the queue names, one device at a time, each in its own scope, and
/// each device at most once per <see cref="MinInterval"/>: a device posting batches back to back is
/// evaluated once a second over everything that arrived meanwhile, instead of once per batch (which
/// halved ingest throughput in the benchmark).
/// </summary>
public sealed class WarningWorker(WarningQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WarningWorker> log) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, DateTimeOffset> lastRun = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
                if (lastRun.TryGetValue(device, out var last) && clock.GetUtcNow() - last < MinInterval)
                {
                    await Task.Delay(MinInterval - (clock.GetUtcNow() - last), clock, stoppingToken);
                }

                queue.Release(device);
                lastRun[device] = clock.GetUtcNow();
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Rules of device {Device} failed; they run again with its next readings", device);
            }
        }
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
