using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Evaluates a device's rules over a recent window of its readings, in device-time order, and turns
/// episodes into warnings: while a rule's warning is open, its episodes extend it; otherwise a new
/// episode raises a warning, and one already raised and closed is not raised again. Late readings are
/// covered because the whole window is re-evaluated each time. The database's one-open-warning
/// index settles a race between nodes: the loser's insert is dropped.
/// </summary>
public sealed class WarningEngine(TianmuDb db, ApplicableRules applicable, TimeProvider clock, ILogger<WarningEngine> log)
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
                raised += await RecordAsync(rule, subject, episode, now, ct) ? 1 : 0;
            }

            await EndIfOverAsync(rule, subject, episodes, now, ct);
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

    /// <summary>
    /// The condition no longer holds in the window — it ended, or late readings filled a gap that
    /// looked like silence — so an open warning still marked as continuing is marked as ended. It stays
    /// open for the officer to handle.
    /// </summary>
    private async Task EndIfOverAsync(RaisedBy rule, WarningSubject subject, IReadOnlyList<Episode> episodes, DateTimeOffset now, CancellationToken ct)
    {
        if (episodes.Any(e => e.End is null))
        {
            return;
        }

        var open = await db.Warnings.FirstOrDefaultAsync(
            w => w.RuleCode == rule.Rule.Code && w.DeviceId == subject.DeviceId && w.EntityId == subject.EntityId && w.IsOpen && w.EpisodeEnd == null, ct);
        if (open is not null)
        {
            open.Extend(episodes.LastOrDefault()?.End ?? now, now);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> RecordAsync(RaisedBy rule, WarningSubject subject, Episode episode, DateTimeOffset now, CancellationToken ct)
    {
        var same = db.Warnings.Where(w => w.RuleCode == rule.Rule.Code && w.DeviceId == subject.DeviceId && w.EntityId == subject.EntityId);
        if (await same.FirstOrDefaultAsync(w => w.IsOpen, ct) is { } open)
        {
            if (episode.End is null || open.EpisodeEnd is null || episode.End > open.EpisodeEnd)
            {
                open.Extend(episode.End, now); // the matter continues or recurred: one open warning carries it
                await db.SaveChangesAsync(ct);
            }

            return false;
        }

        // Already raised and closed: an episode that began before the closed warning's episode ended —
        // or, if it was closed while the condition went on, before it was closed — is the same matter.
        if (await same.AnyAsync(w => w.EpisodeStart == episode.Start || (w.EpisodeEnd ?? w.UpdatedAt ?? w.LastSeenAt) >= episode.Start, ct))
        {
            return false;
        }

        db.Warnings.Add(new Warning(Guid.CreateVersion7(), rule, subject, episode, now));
        try
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Warning {Rule} raised for device {Device}", rule.Rule.Code, subject.DeviceId);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another node raised it first
            return false;
        }
    }
}
