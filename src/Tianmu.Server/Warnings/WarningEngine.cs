using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Evaluates a device's rules over a recent window of its readings, in device-time order, and turns
/// episodes into warnings through <see cref="WarningRecorder"/>. Late readings are covered because
/// the whole window is re-evaluated each time.
/// </summary>
public sealed class WarningEngine(TianmuDb db, ApplicableRules applicable, WarningRecorder recorder, TimeProvider clock)
{
    /// <summary>The longest look-back, whatever a rule asks for.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(26);

    public const int MaxSamples = 10_000;

    /// <summary>Evaluates the device's rules (only <paramref name="kinds"/> when given); returns how many warnings were raised.</summary>
    public async Task<int> EvaluateAsync(Guid deviceId, CancellationToken ct, params RuleKind[] kinds)
    {
        var device = await db.Devices.AsNoTracking().Include(d => d.Parameters).Include(d => d.Entity).FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device?.Entity is not { } entity)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var subject = new WarningSubject(device.Id, entity.Id, entity.AgencyId, entity.AgencyPath);
        var raised = 0;
        foreach (var rule in (await applicable.ForAsync(device, entity, ct)).Where(r => kinds.Length == 0 || kinds.Contains(r.Rule.Kind)))
        {
            var samples = await SeriesAsync(device.Id, rule.Rule.Metric!, now - LookBack(rule.Rule), ct);
            var episodes = RuleEvaluator.Evaluate(rule.Rule, samples, now);
            foreach (var episode in episodes)
            {
                raised += await recorder.RecordAsync(rule, subject, episode, now, ct) ? 1 : 0;
            }

            await recorder.EndIfOverAsync(rule, subject, episodes, now, ct);
        }

        return raised;
    }

    /// <summary>
    /// The metric's readings since <paramref name="from"/> in device-time order, preceded by the last one
    /// before it (a device silent for longer than the window still has a last reading to measure from).
    /// At most the latest <see cref="MaxSamples"/>: a day of one reading every 10 s fits, and a device
    /// flooding readings cannot make each evaluation read its whole history.
    /// </summary>
    private async Task<List<Sample>> SeriesAsync(Guid device, string metric, DateTimeOffset from, CancellationToken ct)
    {
        var readings = db.Readings.AsNoTracking().Where(r => r.DeviceId == device && r.Metric == metric);
        var since = await readings.Where(r => r.DeviceTime >= from).OrderByDescending(r => r.DeviceTime).Take(MaxSamples)
            .Select(r => new Sample(r.DeviceTime, r.Value, r.Usable)).ToListAsync(ct);
        since.Reverse();
        if (since.Count == MaxSamples)
        {
            return since;
        }

        var before = await readings.Where(r => r.DeviceTime < from).OrderByDescending(r => r.DeviceTime)
            .Select(r => new Sample(r.DeviceTime, r.Value, r.Usable)).Take(1).ToListAsync(ct);
        return [.. before, .. since];
    }

    /// <summary>Twice what the rule looks at, plus an hour for late readings; at most <see cref="MaxWindow"/>.</summary>
    public static TimeSpan LookBack(RuleDefinition rule)
    {
        var span = new[] { rule.Duration, rule.Window, rule.Horizon, rule.MaxGap }.Max() ?? TimeSpan.Zero;
        var lookBack = (span * 2) + TimeSpan.FromHours(1);
        return lookBack > MaxWindow ? MaxWindow : lookBack;
    }
}
