using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Evaluates a device's rules over a recent window of its readings, in device-time order, and turns
/// episodes into warnings through <see cref="WarningRecorder"/>. Late readings are covered because
/// the whole window is re-evaluated each time. The window is read once per metric for all the rules
/// reading it and kept between evaluations (<see cref="WatchedDevices"/>): each evaluation reads only the
/// readings newer than those held, after checking by a count that none arrived late in between.
/// Threshold and missing-data rules are evaluated from the last point where they hold no state before
/// what is new (<see cref="RuleResumption"/>); rules whose state spans their window (count, trend,
/// flat line — windows of hours) over the whole window at most every <see cref="FullEvery"/>.
/// </summary>
public sealed class WarningEngine(TianmuDb db, ApplicableRules applicable, WarningRecorder recorder, WatchedDevices watched, WarningQueue queue, TimeProvider clock)
{
    /// <summary>The longest look-back, whatever a rule asks for.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(26);

    public const int MaxSamples = 10_000;

    /// <summary>How often count, trend and flat-line rules are evaluated over their whole window while readings keep arriving.</summary>
    public static readonly TimeSpan FullEvery = TimeSpan.FromSeconds(5);

    /// <summary>A continuing episode refreshes its open warning's last-seen time at most this often (each refresh is a write and an audit row).</summary>
    public static readonly TimeSpan RefreshContinuing = TimeSpan.FromSeconds(60);

    /// <summary>Evaluates the device's rules (only <paramref name="kinds"/> when given); returns how many warnings were raised.</summary>
    public async Task<int> EvaluateAsync(Guid deviceId, CancellationToken ct, params RuleKind[] kinds)
    {
        var device = watched.For(deviceId);
        await device.Gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            device.LastUsed = now;
            var rules = await RulesAsync(device, deviceId, now, ct);
            if (rules.Subject is not { } subject || !rules.Rules.Any(r => kinds.Length == 0 || kinds.Contains(r.Rule.Kind)))
            {
                return 0;
            }

            // Rules whose warning is open and still marked as continuing: they may have to be marked as ended.
            // Read with the rules' lifetime, then kept by this engine's own recording; what another node or an
            // officer changed is seen within WatchedDevices.RulesFor (ending a warning no longer open is a no-op).
            if (device.Continuing is null || device.ContinuingUntil <= now)
            {
                device.Continuing = (await db.Warnings.AsNoTracking()
                    .Where(w => w.DeviceId == deviceId && w.EntityId == subject.EntityId && w.IsOpen && w.EpisodeEnd == null)
                    .Select(w => w.RuleCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                device.ContinuingUntil = now + WatchedDevices.RulesFor;
            }

            var continuing = device.Continuing;
            var raised = 0;
            var held = device.Samples;
            device.Watching = true;
            var arrivals = device.TakeArrivals();
            foreach (var (metric, window) in device.Series)
            {
                window.Add(arrivals is null ? null : arrivals.GetValueOrDefault(metric) ?? []);
            }

            var later = TimeSpan.MaxValue;
            foreach (var metric in rules.Rules.GroupBy(r => r.Rule.Metric!, StringComparer.Ordinal))
            {
                if (!metric.Any(r => kinds.Length == 0 || kinds.Contains(r.Rule.Kind)))
                {
                    continue;
                }

                // One window for all the metric's rules (the longest look-back), whichever kinds run now, so
                // the silence sweep and the worker share it.
                if (!device.Series.TryGetValue(metric.Key, out var window))
                {
                    device.Series[metric.Key] = window = new SeriesWindow();
                }

                var series = await window.ReadAsync(db, deviceId, metric.Key, now - metric.Max(r => LookBack(r.Rule)), now, ct);
                foreach (var rule in metric.Where(r => kinds.Length == 0 || kinds.Contains(r.Rule.Kind)))
                {
                    var code = rule.Rule.Code;
                    var start = SliceStart(series, now - LookBack(rule.Rule));
                    if (RuleResumption.Resumable(rule.Rule))
                    {
                        if (device.SeenUpTo(code, window.Generation) is { } seen)
                        {
                            var firstNew = series.Count;
                            while (firstNew > start && series[firstNew - 1].Time > seen)
                            {
                                firstNew--;
                            }

                            start += RuleResumption.ResumeAt(rule.Rule, CollectionsMarshal.AsSpan(series)[start..], firstNew - start);
                        }
                    }
                    else if (device.DueIn(code, now, FullEvery) is var due && due > TimeSpan.Zero)
                    {
                        later = due < later ? due : later;
                        continue;
                    }

                    var episodes = RuleEvaluator.Evaluate(rule.Rule, CollectionsMarshal.AsSpan(series)[start..], now);
                    device.Evaluated(code, window.Generation, series.Count > 0 ? series[^1].Time : null, now);
                    foreach (var episode in episodes.Where(e => device.MustRecord(rule.Rule, e, now, RefreshContinuing)))
                    {
                        raised += await recorder.RecordAsync(rule, subject, episode, now, ct) ? 1 : 0;
                        device.Recorded(rule.Rule.Code, episode, now);
                        if (episode.End is null)
                        {
                            continuing.Add(rule.Rule.Code);
                        }
                    }

                    if (continuing.Contains(rule.Rule.Code) && episodes.All(e => e.End is not null))
                    {
                        await recorder.EndIfOverAsync(rule, subject, episodes, now, ct);
                        continuing.Remove(rule.Rule.Code);
                    }
                }
            }

            watched.Held(device.Samples - held);
            if (later != TimeSpan.MaxValue)
            {
                queue.EnqueueLater(deviceId, later, clock); // the whole-window rules skipped now
            }

            return raised;
        }
        finally
        {
            device.Gate.Release();
        }
    }

    /// <summary>The device's subject and series rules, read again once <see cref="WatchedDevices.RulesFor"/> has passed.</summary>
    private async Task<DeviceRules> RulesAsync(WatchedDevice watch, Guid deviceId, DateTimeOffset now, CancellationToken ct)
    {
        if (watch.Rules is { } known && known.Until > now)
        {
            return known;
        }

        var device = await db.Devices.AsNoTracking().Include(d => d.Parameters).Include(d => d.Entity).FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        watch.Rules = device?.Entity is not { } entity
            ? new DeviceRules(null, [], now + WatchedDevices.RulesFor)
            : new DeviceRules(new WarningSubject(device.Id, entity.Id, entity.AgencyId, entity.AgencyPath),
                [.. (await applicable.ForAsync(device, entity, ct)).Where(r => RuleEvaluator.IsSeriesKind(r.Rule.Kind) && r.Rule.Metric is not null)],
                now + WatchedDevices.RulesFor);
        return watch.Rules;
    }

    /// <summary>
    /// Where in the metric's window (which starts at or before <paramref name="from"/>) what a fresh read
    /// for one rule would give begins: its latest <see cref="MaxSamples"/> samples from
    /// <paramref name="from"/> on, preceded by the one before unless they already number that many.
    /// </summary>
    private static int SliceStart(List<Sample> series, DateTimeOffset from)
    {
        var first = SeriesWindow.FirstAtOrAfter(series, from);
        return series.Count - first >= MaxSamples ? series.Count - MaxSamples : Math.Max(0, first - 1);
    }

    /// <summary>Twice what the rule looks at, plus an hour for late readings; at most <see cref="MaxWindow"/>.</summary>
    public static TimeSpan LookBack(RuleDefinition rule)
    {
        var span = new[] { rule.Duration, rule.Window, rule.Horizon, rule.MaxGap }.Max() ?? TimeSpan.Zero;
        var lookBack = (span * 2) + TimeSpan.FromHours(1);
        return lookBack > MaxWindow ? MaxWindow : lookBack;
    }
}
