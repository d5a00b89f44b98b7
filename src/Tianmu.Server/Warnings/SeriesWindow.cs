using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// One metric's readings of one device as the engine last read them: the latest
/// <see cref="WarningEngine.MaxSamples"/> since the window's start, preceded by the last reading before
/// it — exactly what a fresh read gives — kept between evaluations so that each evaluation reads only
/// the readings after the newest one it holds. Before trusting what it holds it counts the stored
/// readings over the same span: readings are only ever added, so an equal count means nothing arrived
/// late in between (from this node or another); a different count means a fresh read.
/// </summary>
internal sealed class SeriesWindow
{
    private List<Sample> samples = [];

    /// <summary>The start the held samples are complete from (with the last reading before it); null before the first read.</summary>
    private DateTimeOffset? from;

    public int Count => samples.Count;

    /// <summary>Changes whenever the window is read afresh (readings may have arrived late anywhere in it), never when only newer readings are added.</summary>
    public int Generation { get; private set; }

    /// <summary>The series from <paramref name="start"/> on, refreshed; callers slice it per rule and must not keep it.</summary>
    public async Task<List<Sample>> ReadAsync(TianmuDb db, Guid device, string metric, DateTimeOffset start, CancellationToken ct)
    {
        var readings = db.Readings.AsNoTracking().Where(r => r.DeviceId == device && r.Metric == metric);
        if (from is not { } held || held > start || !await UnchangedAsync(readings, start, ct))
        {
            samples = await FreshAsync(readings, start, ct);
            from = start;
            Generation++;
            return samples;
        }

        var newest = samples.Count > 0 ? samples[^1].Time : DateTimeOffset.MinValue;
        var tail = await readings.Where(r => r.DeviceTime > newest).OrderByDescending(r => r.DeviceTime).Take(WarningEngine.MaxSamples)
            .Select(r => new Sample(r.DeviceTime, r.Value, r.Usable)).ToListAsync(ct);
        tail.Reverse();
        if (tail.Count == WarningEngine.MaxSamples)
        {
            samples = tail; // the newest ones alone fill the window
        }
        else
        {
            samples.AddRange(tail);
        }

        Trim(start);
        from = start;
        return samples;
    }

    /// <summary>
    /// Whether the store holds exactly the readings held here over their span. Without a reading before
    /// the window (none existed) the span starts at the beginning, so one arriving late before the window
    /// is noticed too; when the window is full the oldest held reading bounds it.
    /// </summary>
    private async Task<bool> UnchangedAsync(IQueryable<Tianmu.Ingest.Reading> readings, DateTimeOffset start, CancellationToken ct)
    {
        if (samples.Count == 0)
        {
            return true; // nothing was stored: whatever is now, the tail read finds
        }

        var full = samples.Count >= WarningEngine.MaxSamples && samples[0].Time >= start;
        var lower = samples[0].Time < start || full ? samples[0].Time : DateTimeOffset.MinValue;
        var newest = samples[^1].Time;
        return await readings.CountAsync(r => r.DeviceTime >= lower && r.DeviceTime <= newest, ct) == samples.Count;
    }

    /// <summary>Keeps the latest <see cref="WarningEngine.MaxSamples"/> from <paramref name="start"/> on, and the one before when fewer.</summary>
    private void Trim(DateTimeOffset start)
    {
        var first = samples.FindIndex(s => s.Time >= start);
        if (first < 0)
        {
            first = samples.Count;
        }

        var inWindow = samples.Count - first;
        var keepFrom = inWindow >= WarningEngine.MaxSamples ? samples.Count - WarningEngine.MaxSamples : Math.Max(0, first - 1);
        if (keepFrom > 0)
        {
            samples.RemoveRange(0, keepFrom);
        }
    }

    private static async Task<List<Sample>> FreshAsync(IQueryable<Tianmu.Ingest.Reading> readings, DateTimeOffset start, CancellationToken ct)
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
