using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Notifications;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Turns a rule's episodes into warnings, whatever the rule reads (readings, AI events, self-reports):
/// while a rule's warning is open, its episodes extend it; otherwise a new episode raises a warning,
/// and one already raised and closed is not raised again. The database's one-open-warning index
/// settles a race between nodes: the loser's insert is dropped.
/// </summary>
public sealed class WarningRecorder(TianmuDb db, Notifier notifier, WriteGate writes, ILogger<WarningRecorder> log)
{
    /// <summary>
    /// The condition no longer holds in the window — it ended, or late readings filled a gap that
    /// looked like silence — so an open warning still marked as continuing is marked as ended. It stays
    /// open for the officer to handle.
    /// </summary>
    public async Task EndIfOverAsync(RaisedBy rule, WarningSubject subject, IReadOnlyList<Episode> episodes, DateTimeOffset now, CancellationToken ct)
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
            await SaveAsync(ct);
        }
    }

    public async Task<bool> RecordAsync(RaisedBy rule, WarningSubject subject, Episode episode, DateTimeOffset now, CancellationToken ct)
    {
        var same = db.Warnings.Where(w => w.RuleCode == rule.Rule.Code && w.DeviceId == subject.DeviceId && w.EntityId == subject.EntityId);
        if (await same.FirstOrDefaultAsync(w => w.IsOpen, ct) is { } open)
        {
            if (episode.End is null || open.EpisodeEnd is null || episode.End > open.EpisodeEnd)
            {
                open.Extend(episode.End, now); // the matter continues or recurred: one open warning carries it
                await SaveAsync(ct);
            }

            return false;
        }

        // Already raised and closed: an episode that began before the closed warning's episode ended —
        // or, if it was closed while the condition went on, before it was closed — is the same matter.
        if (await same.AnyAsync(w => w.EpisodeStart == episode.Start || (w.EpisodeEnd ?? w.UpdatedAt ?? w.LastSeenAt) >= episode.Start, ct))
        {
            return false;
        }

        var warning = new Warning(Guid.CreateVersion7(), rule, subject, episode, now);
        db.Warnings.Add(warning);
        await notifier.WarningRaisedAsync(warning, ct); // the entity is told in the same transaction (S15/Z16)
        try
        {
            await SaveAsync(ct);
            log.LogInformation("Warning {Rule} raised for device {Device}", rule.Rule.Code, subject.DeviceId);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another node raised it first
            return false;
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        using var turn = await writes.EnterAsync(ct);
        await db.SaveChangesAsync(ct);
    }
}
