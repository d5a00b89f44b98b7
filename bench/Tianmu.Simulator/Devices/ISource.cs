namespace Tianmu.Simulator.Devices;

/// <summary>
/// Something the simulator feeds into the server over time: a device today; a site's self-reports once
/// that API exists. Sources keep their own counters; failures are logged and retried on the next tick.
/// </summary>
public interface ISource
{
    string Name { get; }

    /// <summary>Readings sent and accepted so far.</summary>
    long Sent { get; }

    /// <summary>Sends the history from <paramref name="from"/> to <paramref name="to"/>, one reading a minute.</summary>
    Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Sends what happens at <paramref name="now"/>.</summary>
    Task TickAsync(DateTimeOffset now, CancellationToken ct);
}
