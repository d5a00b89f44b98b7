using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>The readings of one instant.</summary>
public sealed record Timed(DateTimeOffset Time, IReadOnlyList<Sample> Samples);

/// <summary>
/// A simulated device, whatever its protocol: samples its signal, stays quiet while silent, and now and
/// then holds a reading back to send it after a newer one (late and out of order, as real links do).
/// </summary>
public abstract class DeviceSource(string name, DeviceSignal signal, double lateShare, Action<string> log) : ISource
{
    private static readonly TimeSpan HistoryStep = TimeSpan.FromMinutes(1);
    private readonly List<Timed> heldBack = [];
    private bool wasSilent;
    private long sent;

    public string Name => name;

    public string Unit => "条读数";

    public long Sent => Interlocked.Read(ref sent);

    protected DeviceSignal Signal => signal;

    public async Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var history = new List<Timed>();
        for (var t = Minute(from); t < to; t += HistoryStep)
        {
            if (signal.At(t) is { Count: > 0 } samples)
            {
                history.Add(new Timed(t, samples));
            }
        }

        await DeliverAsync(history, true, ct);
    }

    public async Task TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, now.Offset); // devices stamp whole seconds
        var silent = signal.IsSilent(now);
        if (silent != wasSilent)
        {
            log(silent ? $"{name}：设备静默（模拟断电或断网）" : $"{name}：设备恢复发送");
            wasSilent = silent;
            await SilenceChangedAsync(silent);
        }

        if (silent)
        {
            return;
        }

        var current = new Timed(now, signal.At(now));
        if (Noise.Chance(signal.Key + "/late", now, lateShare))
        {
            heldBack.Add(current);
            return;
        }

        // The held-back readings follow the newer one: they arrive late and out of order.
        await DeliverAsync([current, .. heldBack], false, ct);
        heldBack.Clear();
    }

    /// <summary>Sends readings; returns how many the server accepted.</summary>
    protected abstract Task<int> SendAsync(IReadOnlyList<Timed> readings, bool history, CancellationToken ct);

    /// <summary>A silent device drops its link; the next send opens a new one.</summary>
    protected virtual Task SilenceChangedAsync(bool silent) => Task.CompletedTask;

    private async Task DeliverAsync(IReadOnlyList<Timed> readings, bool history, CancellationToken ct)
    {
        var nonEmpty = readings.Where(r => r.Samples.Count > 0).ToList();
        if (nonEmpty.Count > 0)
        {
            Interlocked.Add(ref sent, await SendAsync(nonEmpty, history, ct));
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, t.Offset);
}
