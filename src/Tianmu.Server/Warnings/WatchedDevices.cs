using System.Collections.Concurrent;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// What the engine keeps in memory between evaluations of each device, on this node: the device's
/// rules (re-read after <see cref="RulesFor"/>, so a catalog change reaches the engine within it), each
/// metric's <see cref="SeriesWindow"/>, and the episodes already handed to the recorder. At most
/// <see cref="MaxHeldSamples"/> samples are held in all; beyond that the devices evaluated longest ago
/// are forgotten and read afresh when they next report.
/// </summary>
public sealed class WatchedDevices
{
    public static readonly TimeSpan RulesFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// About 80 MB of samples (40 bytes each): 150 series at the full <see cref="WarningEngine.MaxSamples"/>
    /// with the slack <see cref="SeriesWindow"/> keeps before trimming. Too low a limit is costly: forgotten
    /// windows are read afresh from the database at their next evaluation.
    /// </summary>
    public const int MaxHeldSamples = 2_000_000;

    private readonly ConcurrentDictionary<Guid, WatchedDevice> devices = new();
    private long held;

    internal WatchedDevice For(Guid device) => devices.GetOrAdd(device, _ => new WatchedDevice());

    /// <summary>Hands readings this node has just committed to the device's windows, if the engine holds any.</summary>
    public void Arrived(Guid device, IReadOnlyList<Tianmu.Ingest.Reading> readings)
    {
        if (devices.TryGetValue(device, out var watched))
        {
            watched.Arrived(readings);
        }
    }

    /// <summary>Notes a change in the samples held; forgets the least recently evaluated devices when over the limit.</summary>
    internal void Held(long change)
    {
        if (Interlocked.Add(ref held, change) <= MaxHeldSamples)
        {
            return;
        }

        foreach (var (id, device) in devices.OrderBy(d => d.Value.LastUsed).ToList())
        {
            if (Interlocked.Read(ref held) <= MaxHeldSamples * 3L / 4)
            {
                break;
            }

            if (device.Gate.Wait(0)) // never one being evaluated
            {
                try
                {
                    if (devices.TryRemove(id, out _))
                    {
                        Interlocked.Add(ref held, -device.Samples);
                    }
                }
                finally
                {
                    device.Gate.Release();
                }
            }
        }
    }
}

/// <summary>One device's state; the engine holds <see cref="Gate"/> while it evaluates the device.</summary>
internal sealed class WatchedDevice
{
    private const int MaxRecorded = 256;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTimeOffset LastUsed { get; set; }

    public DeviceRules? Rules { get; set; }

    /// <summary>Rules of the device whose open warning is marked as continuing, as last read (until <see cref="ContinuingUntil"/>) and since recorded here.</summary>
    public HashSet<string>? Continuing { get; set; }

    public DateTimeOffset ContinuingUntil { get; set; }

    public Dictionary<string, SeriesWindow> Series { get; } = new(StringComparer.Ordinal);

    /// <summary>More arrivals than this between two evaluations are dropped, and the windows read afresh.</summary>
    private const int MaxArrivals = 100_000;

    private readonly Lock arrivalsLock = new();
    private Dictionary<string, List<Sample>> arrivals = new(StringComparer.Ordinal);
    private int arrived;
    private bool overflowed;

    /// <summary>Whether the engine holds windows to merge arrivals into; until then they are not kept.</summary>
    public volatile bool Watching;

    /// <summary>Readings committed by this node's ingest (any thread), kept by metric until the next evaluation.</summary>
    public void Arrived(IReadOnlyList<Tianmu.Ingest.Reading> readings)
    {
        if (!Watching)
        {
            return;
        }

        lock (arrivalsLock)
        {
            if (arrived + readings.Count > MaxArrivals)
            {
                overflowed = true;
                arrivals.Clear();
                arrived = 0;
                return;
            }

            arrived += readings.Count;
            var (metric, list) = ("", (List<Sample>?)null);
            foreach (var reading in readings)
            {
                if (list is null || !string.Equals(reading.Metric, metric, StringComparison.Ordinal))
                {
                    metric = reading.Metric;
                    if (!arrivals.TryGetValue(metric, out list))
                    {
                        arrivals[metric] = list = [];
                    }
                }

                list.Add(new Sample(reading.DeviceTime, reading.Value, reading.Usable));
            }
        }
    }

    /// <summary>
    /// What arrived since the last call, per metric in time order; null when some were dropped (the
    /// windows must then be read afresh).
    /// </summary>
    public Dictionary<string, List<Sample>>? TakeArrivals()
    {
        Dictionary<string, List<Sample>> taken;
        lock (arrivalsLock)
        {
            (taken, arrivals, arrived) = (arrivals, new(StringComparer.Ordinal), 0);
            if (overflowed)
            {
                overflowed = false;
                return null;
            }
        }

        foreach (var list in taken.Values)
        {
            if (!InOrder(list))
            {
                list.Sort((a, b) => a.Time.CompareTo(b.Time));
            }
        }

        return taken;
    }

    private static bool InOrder(List<Sample> samples)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Time < samples[i - 1].Time)
            {
                return false;
            }
        }

        return true;
    }

    public int Samples => Series.Values.Sum(w => w.Count);

    /// <summary>Per rule: the window generation and newest sample at its last evaluation, and when that was.</summary>
    private readonly Dictionary<string, (int Generation, DateTimeOffset? Newest, DateTimeOffset At)> evaluated = new(StringComparer.Ordinal);

    /// <summary>The newest sample the rule has seen, if the window has not been read afresh since.</summary>
    public DateTimeOffset? SeenUpTo(string rule, int generation) =>
        evaluated.TryGetValue(rule, out var last) && last.Generation == generation ? last.Newest : null;

    /// <summary>How long until the rule is due for its next whole-window evaluation; zero when due.</summary>
    public TimeSpan DueIn(string rule, DateTimeOffset now, TimeSpan every) =>
        evaluated.TryGetValue(rule, out var last) && now - last.At < every ? every - (now - last.At) : TimeSpan.Zero;

    public void Evaluated(string rule, int generation, DateTimeOffset? newest, DateTimeOffset now) => evaluated[rule] = (generation, newest, now);

    /// <summary>Episodes handed to the recorder, by rule and start: their end then, and when.</summary>
    private readonly Dictionary<(string Rule, DateTimeOffset Start), (DateTimeOffset? End, DateTimeOffset At)> recorded = [];

    /// <summary>Per rule, when a continuing episode was last handed to the recorder.</summary>
    private readonly Dictionary<string, DateTimeOffset> continuing = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the recorder must see <paramref name="episode"/>: it is new or changed, or it continues and
    /// was last recorded more than <paramref name="refresh"/> ago (the open warning's last-seen time).
    /// An ended episode recorded once is settled: recording it again changes nothing. A continuing
    /// episode of a rule other than a threshold may start later at each evaluation (silence measured
    /// from the newest reading, a count or fit over a sliding window) while it is the same matter, so
    /// for those the rule, not the start, decides whether it was recorded lately.
    /// </summary>
    public bool MustRecord(RuleDefinition rule, Episode episode, DateTimeOffset now, TimeSpan refresh)
    {
        if (episode.End is null && rule.Kind != RuleKind.Threshold && continuing.TryGetValue(rule.Code, out var at) && now - at < refresh)
        {
            return false;
        }

        return !recorded.TryGetValue((rule.Code, episode.Start), out var last) || last.End != episode.End || (episode.End is null && now - last.At >= refresh);
    }

    public void Recorded(string rule, Episode episode, DateTimeOffset now)
    {
        if (recorded.Count >= MaxRecorded)
        {
            recorded.Clear(); // at worst some episodes are recorded once more
        }

        recorded[(rule, episode.Start)] = (episode.End, now);
        if (episode.End is null)
        {
            continuing[rule] = now;
        }
    }
}

/// <summary>A device's subject and series rules as read at some moment, valid until <see cref="Until"/>.</summary>
internal sealed record DeviceRules(WarningSubject? Subject, IReadOnlyList<RaisedBy> Rules, DateTimeOffset Until);
