using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Runs the AI event count rules of a camera's entity over the camera's recent events of each rule's
/// type, after an event is stored. Each event is a sample naming its id, so the warning's evidence
/// opens the snapshots and clips; events not usable as evidence never raise a violation.
/// </summary>
public sealed class AiEventWarnings(TianmuDb db, ApplicableRules applicable, WarningRecorder recorder, TimeProvider clock, ILogger<AiEventWarnings> log)
{
    /// <summary>Evaluates the camera's rules; never throws for a rule problem, since the event itself is already stored.</summary>
    public async Task<int> EvaluateAsync(Guid deviceId, CancellationToken ct)
    {
        try
        {
            return await RunAsync(deviceId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "AI event rules of device {Device} failed; they run again with its next event", deviceId);
            return 0;
        }
    }

    private async Task<int> RunAsync(Guid deviceId, CancellationToken ct)
    {
        var device = await db.Devices.AsNoTracking().Include(d => d.Entity).FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device?.Entity is not { } entity)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var subject = new WarningSubject(device.Id, entity.Id, entity.AgencyId, entity.AgencyPath);
        var raised = 0;
        foreach (var rule in await applicable.EventRulesAsync(entity, ct))
        {
            var from = now - WarningEngine.LookBack(rule.Rule);
            var events = await db.AiEvents.AsNoTracking()
                .Where(e => e.DeviceId == device.Id && e.Type == rule.Rule.EventType && e.OccurredAt >= from)
                .OrderBy(e => e.OccurredAt).Take(WarningEngine.MaxSamples)
                .Select(e => new { e.Id, e.OccurredAt, e.Usable }).ToListAsync(ct);
            var episodes = RuleEvaluator.EvaluateEvents(rule.Rule, [.. events.Select(e => new Sample(e.OccurredAt, 1, e.Usable, $"ai_event:{e.Id}"))], now);
            foreach (var episode in episodes)
            {
                raised += await recorder.RecordAsync(rule, subject, episode, now, ct) ? 1 : 0;
            }

            await recorder.EndIfOverAsync(rule, subject, episodes, now, ct);
        }

        return raised;
    }
}
