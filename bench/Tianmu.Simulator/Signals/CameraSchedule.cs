namespace Tianmu.Simulator.Signals;

/// <summary>One snapshot event of the camera: its box event id is stable, so a resend is a duplicate, not a new event.</summary>
public sealed record Shot(DateTimeOffset Time, string Type, double Confidence, bool Covered)
{
    public string Id => $"sim-{Time.ToUnixTimeSeconds()}-{Type}";
}

/// <summary>
/// What the clinic's AI camera sends and when, as a pure function of time: a patrol snapshot of its
/// scene every patrol interval (every 5 minutes or less often in history, to keep the back-fill light),
/// and now and then a violation it recognised. While the lens is covered its snapshots are dark and it
/// recognises nothing. Times are aligned to the clock, so a restarted simulator repeats the same ids.
/// </summary>
public sealed class CameraSchedule(string key, IReadOnlyList<Episode> episodes, DateTimeOffset anchor, TimeSpan period, TimeSpan patrolInterval)
{
    public static readonly TimeSpan HistoryPatrol = TimeSpan.FromMinutes(5);

    /// <summary>A violation may be recognised once per slot, at a fixed second within it (apart from the patrols).</summary>
    private static readonly TimeSpan ViolationSlot = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ViolationOffset = TimeSpan.FromSeconds(317);
    private const double ViolationChance = 0.3;

    public TimeSpan PatrolInterval => patrolInterval;

    public IReadOnlyList<Episode> Episodes => episodes;

    public bool IsCovered(DateTimeOffset t) =>
        episodes.Any(e => e.Kind == EpisodeKind.Covered && e.StartCovering(t, anchor, period) is not null);

    /// <summary>The shots with <paramref name="from"/> &lt; time ≤ <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<Shot> Between(DateTimeOffset from, DateTimeOffset to, bool history)
    {
        var patrol = history && patrolInterval < HistoryPatrol ? HistoryPatrol : patrolInterval;
        var patrols = Marks(from, to, patrol, TimeSpan.Zero).Select(t => new Shot(t, "patrol", 1.0, IsCovered(t)));
        var violations = Marks(from, to, ViolationSlot, ViolationOffset)
            .Where(t => !IsCovered(t) && Noise.Chance(key + "/violation", t, ViolationChance))
            .Select(t => new Shot(t, Noise.At(key + "/type", t) < -0.33 ? "no_mask" : "waste_store_unattended",
                Math.Round(0.87 + 0.08 * Noise.At(key + "/confidence", t), 2), false));
        return [.. patrols.Concat(violations).OrderBy(s => s.Time)];
    }

    /// <summary>Instants k·step + offset (Unix time) in (from, to].</summary>
    private static IEnumerable<DateTimeOffset> Marks(DateTimeOffset from, DateTimeOffset to, TimeSpan step, TimeSpan offset)
    {
        var stepSeconds = Math.Max(1, (long)step.TotalSeconds);
        var k = Math.Floor((from.ToUnixTimeSeconds() - offset.TotalSeconds) / stepSeconds) + 1;
        for (var t = DateTimeOffset.FromUnixTimeSeconds((long)(k * stepSeconds + offset.TotalSeconds)); t <= to; t = t.AddSeconds(stepSeconds))
        {
            if (t > from)
            {
                yield return t;
            }
        }
    }
}
