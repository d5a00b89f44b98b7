namespace Tianmu.Simulator.Signals;

public enum EpisodeKind
{
    /// <summary>Free chlorine falls below the 0.3 mg/L floor (dosing pump failure, or dosing skipped).</summary>
    LowChlorine,

    /// <summary>The sensor sticks: the same value, to the last digit, reading after reading.</summary>
    FlatLine,

    /// <summary>The device sends nothing (power or network cut, or unplugged).</summary>
    Silence,

    /// <summary>A camera's lens is covered: its snapshots are dark and it recognises nothing.</summary>
    Covered,
}

/// <summary>
/// An injected violation, repeating every <c>period</c> from the simulator's anchor (its start): it is
/// active from <c>anchor + Offset + k·period</c> for <c>Length</c>. A negative offset starts it before the
/// simulator did, so the back-filled history already shows it and rules that need a span fire at once.
/// </summary>
public sealed record Episode(EpisodeKind Kind, string? Metric, TimeSpan Offset, TimeSpan Length)
{
    /// <summary>When the occurrence covering <paramref name="t"/> started, or null when none does.</summary>
    public DateTimeOffset? StartCovering(DateTimeOffset t, DateTimeOffset anchor, TimeSpan period)
    {
        var since = ((t - anchor - Offset).Ticks % period.Ticks + period.Ticks) % period.Ticks;
        return since < Length.Ticks ? t - TimeSpan.FromTicks(since) : null;
    }
}
