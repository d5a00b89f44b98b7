using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Hosting;
using Tianmu.Server.SelfReports;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Self-supervision warnings (自律预警) about an entity rather than a device: overdue self-reports
/// (S13/Z15) and reported values that every sensor of the entity contradicts (suspected false report,
/// S20/Z24). The rules come from the pack of each form's catalog item.
/// </summary>
public sealed class SelfReportWarnings(TianmuDb db, ApplicableRules applicable, WarningRecorder recorder, TimeProvider clock)
{
    /// <summary>Reports checked per run, oldest first, so a backlog drains over a few runs without one long transaction.</summary>
    public const int CrossCheckBatch = 200;

    /// <summary>Reports older than this are never cross-checked: sensor data that late would not be "at the same time".</summary>
    public static readonly TimeSpan CrossCheckHorizon = TimeSpan.FromDays(2);

    /// <summary>How far back a change to an overdue period is picked up; several runs of the 5-minute overdue job, so a missed run loses nothing.</summary>
    public static readonly TimeSpan OverdueChanges = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Raises or extends the overdue warning of each entity whose overdue periods changed lately (found,
    /// or reported late, within <see cref="OverdueChanges"/>), over all its periods in the look-back, and
    /// ends it once the late reports are in. Returns how many warnings were raised.
    /// </summary>
    public async Task<int> OverdueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-OverdueDetector.LookBackDays);
        var changed = now - OverdueChanges;
        var entities = await db.OverdueReports.Where(o => o.DetectedAt >= changed || o.ReportedAt >= changed).Select(o => o.EntityId).Distinct().ToListAsync(ct);
        var overdue = await db.OverdueReports.AsNoTracking().Where(o => o.DueAt >= since && entities.Contains(o.EntityId))
            .Join(db.SelfReportForms, o => o.FormId, f => f.Id, (o, f) => new { o, f.Name, f.CatalogItemId }).ToListAsync(ct);
        var raised = 0;
        foreach (var item in overdue.GroupBy(x => x.CatalogItemId))
        {
            var rules = await applicable.ForItemAsync(item.Key, RuleKind.OverdueReport, ct);
            foreach (var entity in rules.Count == 0 ? [] : item.GroupBy(x => x.o.EntityId))
            {
                if (await SubjectAsync(entity.Key, ct) is not { } subject)
                {
                    continue;
                }

                var periods = entity.Select(x => new OverduePeriod(x.o.FormId, x.Name, x.o.PeriodStart, x.o.DueAt, x.o.DetectedAt, x.o.ReportedAt)).ToList();
                raised += await RecordAllAsync(rules, subject, rule => RuleEvaluator.EvaluateOverdue(rule, periods), now, ct);
            }
        }

        return raised;
    }

    /// <summary>
    /// Compares the values of reports not yet cross-checked with the entity's sensors at the time of
    /// submission, once the sensor data around that time can have arrived (half the rule's window
    /// later). Each report is checked once. Returns how many warnings were raised.
    /// </summary>
    public async Task<int> CrossCheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now - CrossCheckHorizon;
        var reports = await db.SelfReports.Where(r => r.CrossCheckedAt == null && r.SubmittedAt >= horizon)
            .OrderBy(r => r.SubmittedAt).Take(CrossCheckBatch).ToListAsync(ct);
        var raised = 0;
        foreach (var report in reports)
        {
            var form = await db.SelfReportForms.AsNoTracking().FirstAsync(f => f.Id == report.FormId, ct);
            var rules = await applicable.ForItemAsync(form.CatalogItemId, RuleKind.CrossCheck, ct);
            if (rules.Any(r => now < report.SubmittedAt + (r.Rule.Window!.Value / 2)))
            {
                continue; // the sensors' readings after the report may still be on their way
            }

            if (rules.Count > 0 && await SubjectAsync(report.EntityId, ct) is { } subject)
            {
                raised += await CrossCheckAsync(report, form, rules, subject, now, ct);
            }

            report.MarkCrossChecked(now);
            await db.SaveChangesAsync(ct);
        }

        return raised;
    }

    private async Task<int> CrossCheckAsync(SelfReport report, SelfReportForm form, IReadOnlyList<RaisedBy> rules, WarningSubject subject, DateTimeOffset now, CancellationToken ct)
    {
        var values = JsonSerializer.Deserialize<List<ReportedValue>>(report.ValuesJson, Json) ?? [];
        var raised = 0;
        foreach (var rule in rules)
        {
            var field = form.Fields.FirstOrDefault(f => f.Metric == rule.Rule.Metric && f.Type == FieldType.Number);
            var given = field is null ? null : values.FirstOrDefault(v => v.Code == field.Code)?.Value;
            if (!double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var half = rule.Rule.Window!.Value / 2;
            var (from, to) = (report.SubmittedAt - half, report.SubmittedAt + half);
            var readings = await db.Readings.AsNoTracking()
                .Where(r => r.Metric == rule.Rule.Metric && r.DeviceTime >= from && r.DeviceTime <= to && db.Devices.Any(d => d.Id == r.DeviceId && d.EntityId == report.EntityId))
                .OrderBy(r => r.DeviceTime).Take(WarningEngine.MaxSamples)
                .Select(r => new { r.DeviceId, Sample = new Sample(r.DeviceTime, r.Value, r.Usable, null) }).ToListAsync(ct);
            IReadOnlyList<IReadOnlyList<Sample>> devices = [.. readings.GroupBy(r => r.DeviceId).Select(g => g.Select(r => r.Sample).ToList())];
            var reported = new Sample(report.SubmittedAt, value, true, $"self_report:{report.Id}");
            raised += await RecordAllAsync([rule], subject, r => RuleEvaluator.EvaluateCrossCheck(r, reported, devices), now, ct);
        }

        return raised;
    }

    private async Task<int> RecordAllAsync(IReadOnlyList<RaisedBy> rules, WarningSubject subject, Func<RuleDefinition, IReadOnlyList<Episode>> evaluate, DateTimeOffset now, CancellationToken ct)
    {
        var raised = 0;
        foreach (var rule in rules)
        {
            var episodes = evaluate(rule.Rule);
            foreach (var episode in episodes)
            {
                raised += await recorder.RecordAsync(rule, subject, episode, now, ct) ? 1 : 0;
            }

            if (rule.Rule.Kind == RuleKind.OverdueReport)
            {
                await recorder.EndIfOverAsync(rule, subject, episodes, now, ct);
            }
        }

        return raised;
    }

    private async Task<WarningSubject?> SubjectAsync(Guid entityId, CancellationToken ct) =>
        await db.Entities.AsNoTracking().Where(e => e.Id == entityId)
            .Select(e => new WarningSubject(null, e.Id, e.AgencyId, e.AgencyPath)).FirstOrDefaultAsync(ct);
}

/// <summary>Compares newly submitted self-reports with the entities' sensors every minute, on one node (S20/Z24).</summary>
public sealed class CrossCheckJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<CrossCheckJob> log)
    : ScopedJob<SelfReportWarnings>(scopes, leases, clock, log)
{
    protected override string Name => "self-report-cross-check";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(40);

    protected override Task<int> RunAsync(SelfReportWarnings warnings, CancellationToken ct) => warnings.CrossCheckAsync(ct);
}
