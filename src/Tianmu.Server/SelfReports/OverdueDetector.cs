using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Hosting;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.SelfReports;

/// <summary>
/// Finds the periods whose deadline passed without a report and records each once (S13/Z15). It
/// looks back at most <see cref="LookBackDays"/> days, so a new installation or a long outage does not
/// flood officers with history; set-based per form and period, so a province register stays cheap.
/// Then the overdue-report rules raise, extend or end the entities' warnings.
/// </summary>
public sealed class OverdueDetector(TianmuDb db, SelfReportWarnings warnings, TimeProvider clock)
{
    public const int LookBackDays = 35;

    /// <summary>Returns how many overdue periods were newly found.</summary>
    public async Task<int> DetectAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = 0;
        foreach (var form in await db.SelfReportForms.AsNoTracking().Where(f => f.Active).ToListAsync(ct))
        {
            var from = form.EffectiveFrom > ChinaTime.DateOf(now).AddDays(-LookBackDays) ? form.EffectiveFrom : ChinaTime.DateOf(now).AddDays(-LookBackDays);
            var categories = form.Categories.ToList();
            var subCategories = form.SubCategories.ToList();
            foreach (var period in ReportPeriods.Elapsed(form.Frequency, form.DueTime, from, now))
            {
                var missing = await db.Entities.In(new Jurisdiction(form.AgencyPath, false))
                    .Where(e => categories.Contains(e.Category) && (subCategories.Count == 0 || subCategories.Contains(e.SubCategory))
                        && !db.SelfReports.Any(r => r.FormId == form.Id && r.EntityId == e.Id && r.PeriodStart == period)
                        && !db.OverdueReports.Any(o => o.FormId == form.Id && o.EntityId == e.Id && o.PeriodStart == period))
                    .Select(e => e.Id).ToListAsync(ct);
                var due = ReportPeriods.DueAt(form.Frequency, period, form.DueTime);
                db.OverdueReports.AddRange(missing.Select(id => new OverdueReport(form.Id, id, period, due, now)));
                found += missing.Count;
            }

            await db.SaveChangesAsync(ct);
        }

        await warnings.OverdueAsync(ct);
        return found;
    }
}

/// <summary>Runs the overdue check every few minutes on one node.</summary>
public sealed class OverdueReportJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<OverdueReportJob> log)
    : ScopedJob<OverdueDetector>(scopes, leases, clock, log)
{
    protected override string Name => "self-report-overdue";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(20);

    protected override Task<int> RunAsync(OverdueDetector detector, CancellationToken ct) => detector.DetectAsync(ct);
}
