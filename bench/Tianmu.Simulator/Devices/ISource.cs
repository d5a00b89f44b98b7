namespace Tianmu.Simulator.Devices;

/// <summary>
/// Something the simulator feeds into the server over time: a device's readings, a camera's events, a
/// pool's self-reports. Sources keep their own counters; failures are logged and retried on the next tick.
/// </summary>
public interface ISource
{
    string Name { get; }

    /// <summary>What <see cref="Sent"/> counts, e.g. 条读数.</summary>
    string Unit { get; }

    /// <summary>Items sent and accepted so far.</summary>
    long Sent { get; }

    /// <summary>Sends the history from <paramref name="from"/> to <paramref name="to"/>.</summary>
    Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Sends what happens at <paramref name="now"/>.</summary>
    Task TickAsync(DateTimeOffset now, CancellationToken ct);
}
