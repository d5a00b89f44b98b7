using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// One metric's readings of one device as the engine holds them: the latest
/// <see cref="WarningEngine.MaxSamples"/> since the window's start, preceded by the last reading before
/// it — exactly what a fresh read gives — kept between evaluations. What this node's ingest commits is
/// handed over in memory (<see cref="WatchedDevice.Arrived"/>) and appended without a query; a reading
/// older than the newest held and not already held (late, or from before a fresh read) forces a fresh
/// read, since its place in the window is unknown. Readings committed by other nodes reach the window
/// through a count, every <see cref="CheckEvery"/>: readings are only ever added, so the store holding
/// exactly as many from the oldest held one on means nothing arrived elsewhere; any other count means a
/// fresh read.
/// </summary>
internal sealed class SeriesWindow
{
    /// <summary>How often the held window is counted against the store (readings from other nodes wait at most this long).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private List<Sample> samples = [];

    /// <summary>The start the held samples are complete from (with the last reading before it); null before the first read.</summary>
    private DateTimeOffset? from;

    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public int Count => samples.Count;

    /// <summary>Changes whenever the window is read afresh (readings may have arrived late anywhere in it), never when only newer readings are added.</summary>
    public int Generation { get; private set; }

    /// <summary>
    /// Merges readings this node committed since the last call (in time order); null when some were
    /// dropped, which makes the next read a fresh one, as does a late reading.
    /// </summary>
    public void Add(IReadOnlyList<Sample>? arrived)
    {
        if (from is not null && (arrived is null || !Merge(arrived)))
        {
            from = null;
        }
    }

    /// <summary>The series from <paramref name="start"/> on; callers slice it per rule and must not keep it.</summary>
    public async Task<List<Sample>> ReadAsync(TianmuDb db, Guid device, string metric, DateTimeOffset start, DateTimeOffset now, CancellationToken ct)
    {
        // The query is built only when it runs: most evaluations read nothing, and building it initialises the context.
        if (from is not { } held || held > start)
        {
            return await FreshAsync(Readings(db, device, metric), start, now, ct);
        }

        if (now - checkedAt >= CheckEvery)
        {
            checkedAt = now;
            if (!await UnchangedAsync(Readings(db, device, metric), start, ct))
            {
                return await FreshAsync(Readings(db, device, metric), start, now, ct);
            }
        }

        Trim(start);
        from = start;
        return samples;
    }

    private static IQueryable<Tianmu.Ingest.Reading> Readings(TianmuDb db, Guid device, string metric) =>
        db.Readings.AsNoTracking().Where(r => r.DeviceId == device && r.Metric == metric);

    /// <summary>Appends what is newer than the newest held; false when a reading belongs inside the held span and is not there.</summary>
    private bool Merge(IReadOnlyList<Sample> arrived)
    {
        foreach (var sample in arrived)
        {
            if (samples.Count == 0 || sample.Time > samples[^1].Time)
            {
                samples.Add(sample);
            }
            else if (FirstAtOrAfter(samples, sample.Time) is var at && (at == samples.Count || samples[at].Time != sample.Time))
            {
                return false; // a late reading (a repeat of a held one changes nothing: the store ignored it too)
            }
        }

        return true;
    }

    private async Task<List<Sample>> FreshAsync(IQueryable<Tianmu.Ingest.Reading> readings, DateTimeOffset start, DateTimeOffset now, CancellationToken ct)
    {
        samples = await ReadFreshAsync(readings, start, ct);
        from = start;
        checkedAt = now;
        Generation++;
        return samples;
    }

    /// <summary>
    /// Whether the store holds exactly the readings held here, from the oldest held on (newer ones too, so
    /// readings another node committed are noticed). Without a reading before the window (none existed)
    /// the span starts at the beginning, so one arriving late before the window is noticed too; when the
    /// window is full the oldest held reading bounds it.
    /// </summary>
    private async Task<bool> UnchangedAsync(IQueryable<Tianmu.Ingest.Reading> readings, DateTimeOffset start, CancellationToken ct)
    {
        var full = samples.Count >= WarningEngine.MaxSamples && samples[0].Time >= start;
        var lower = samples.Count > 0 && (samples[0].Time < start || full) ? samples[0].Time : DateTimeOffset.MinValue;
        return await readings.CountAsync(r => r.DeviceTime >= lower, ct) == samples.Count;
    }

    /// <summary>
    /// Drops samples no rule needs any more: those before the latest <see cref="WarningEngine.MaxSamples"/>
    /// from <paramref name="start"/> on, or before the one preceding <paramref name="start"/> when fewer.
    /// Only once they are a quarter of the list, so the list is moved once per that many arrivals rather
    /// than on every evaluation (which moved 10,000 samples each time); the rules slice from the right place
    /// (<see cref="WarningEngine"/>) whatever is still held before it. The slack counts toward
    /// <see cref="WatchedDevices.MaxHeldSamples"/>.
    /// </summary>
    private void Trim(DateTimeOffset start)
    {
        var first = FirstAtOrAfter(samples, start);
        var inWindow = samples.Count - first;
        var keepFrom = inWindow >= WarningEngine.MaxSamples ? samples.Count - WarningEngine.MaxSamples : Math.Max(0, first - 1);
        if (keepFrom > 0 && keepFrom * 4 >= samples.Count)
        {
            samples.RemoveRange(0, keepFrom);
        }
    }

    /// <summary>The index of the first sample at or after <paramref name="time"/> (the count when none): a binary search, samples being in time order.</summary>
    public static int FirstAtOrAfter(List<Sample> samples, DateTimeOffset time)
    {
        var (low, high) = (0, samples.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (samples[middle].Time < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static async Task<List<Sample>> ReadFreshAsync(IQueryable<Tianmu.Ingest.Reading> readings, DateTimeOffset start, CancellationToken ct)
    {
        var since = await readings.Where(r => r.DeviceTime >= start).OrderByDescending(r => r.DeviceTime).Take(WarningEngine.MaxSamples)
            .Select(r => new Sample(r.DeviceTime, r.Value, r.Usable)).ToListAsync(ct);
        since.Reverse();
        if (since.Count == WarningEngine.MaxSamples)
        {
            return since;
        }

        var before = await readings.Where(r => r.DeviceTime < start).OrderByDescending(r => r.DeviceTime)
            .Select(r => new Sample(r.DeviceTime, r.Value, r.Usable)).Take(1).ToListAsync(ct);
        return [.. before, .. since];
    }
}
