namespace Tianmu.Simulator.Signals;

public readonly record struct Sample(string Metric, double Value);

/// <summary>
/// What one simulated device measures at an instant: the site's normal pattern, bent by the episodes
/// assigned to it. Pure: the same instant always gives the same samples.
/// </summary>
public sealed class DeviceSignal(string key, SiteKind kind, IReadOnlyList<string> metrics, IReadOnlyList<Episode> episodes, DateTimeOffset anchor, TimeSpan period)
{
    public string Key => key;

    public SiteKind Kind => kind;

    public IReadOnlyList<Episode> Episodes => episodes;

    public bool IsSilent(DateTimeOffset t) => Active(EpisodeKind.Silence, null, t) is not null;

    /// <summary>The readings at <paramref name="t"/>; none while the device is silent.</summary>
    public IReadOnlyList<Sample> At(DateTimeOffset t)
    {
        if (IsSilent(t))
        {
            return [];
        }

        return Samples(t, sensor: true);
    }

    /// <summary>What the water or air really holds at <paramref name="t"/>, as a test kit would find it: the sensor's faults (silence, a stuck electrode) left out.</summary>
    public IReadOnlyList<Sample> Truth(DateTimeOffset t) => Samples(t, sensor: false);

    /// <summary>Whether an episode of the kind is under way at <paramref name="t"/>.</summary>
    public bool InEpisode(EpisodeKind episodeKind, DateTimeOffset t) => Active(episodeKind, null, t) is not null;

    private List<Sample> Samples(DateTimeOffset t, bool sensor)
    {
        var samples = new List<Sample>(metrics.Count);
        foreach (var metric in metrics)
        {
            if (Value(metric, t, sensor) is { } value)
            {
                samples.Add(new Sample(metric, Math.Round(value, metric == "ph" ? 2 : 3)));
            }
        }

        return samples;
    }

    private double? Value(string metric, DateTimeOffset t, bool sensor)
    {
        if (sensor && Active(EpisodeKind.FlatLine, metric, t) is { } stuckSince)
        {
            return SiteModels.Normal(kind, key, metric, stuckSince); // the value it stuck at, repeated
        }

        if (metric == "free_chlorine" && Active(EpisodeKind.LowChlorine, metric, t) is not null)
        {
            return 0.15 + 0.03 * Noise.At(key + "/low", t);
        }

        return SiteModels.Normal(kind, key, metric, t);
    }

    private DateTimeOffset? Active(EpisodeKind episodeKind, string? metric, DateTimeOffset t) =>
        episodes.Where(e => e.Kind == episodeKind && (e.Metric is null || metric is null || e.Metric == metric))
            .Select(e => e.StartCovering(t, anchor, period)).FirstOrDefault(s => s is not null);
}
