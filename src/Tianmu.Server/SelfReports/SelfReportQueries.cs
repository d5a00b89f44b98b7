using Microsoft.EntityFrameworkCore;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.SelfReports;

public sealed record ReportFilter(Guid? EntityId, Guid? FormId, DateOnly? From, DateOnly? To, int? Page, int? PageSize);

public sealed record OverdueView(Guid FormId, string FormName, Guid EntityId, string EntityName, DateOnly Period, DateTimeOffset DueAt, DateTimeOffset DetectedAt, DateTimeOffset? ReportedAt);

/// <summary>Self-reports and overdue periods of the entities in the caller's jurisdiction.</summary>
public sealed class SelfReportQueries(TianmuDb db)
{
    public async Task<Paged<ReportView>> ListAsync(CurrentUser caller, ReportFilter filter, CancellationToken ct)
    {
        var query = db.SelfReports.AsNoTracking()
            .Join(db.Entities.In(caller.Jurisdiction), r => r.EntityId, e => e.Id, (r, e) => new { r, EntityName = e.Name })
            .Join(db.SelfReportForms, x => x.r.FormId, f => f.Id, (x, f) => new { x.r, x.EntityName, FormName = f.Name });
        query = filter.EntityId is { } entity ? query.Where(x => x.r.EntityId == entity) : query;
        query = filter.FormId is { } form ? query.Where(x => x.r.FormId == form) : query;
        query = filter.From is { } from ? query.Where(x => x.r.PeriodStart >= from) : query;
        query = filter.To is { } to ? query.Where(x => x.r.PeriodStart <= to) : query;
        var page = await query.OrderByDescending(x => x.r.PeriodStart).ThenBy(x => x.EntityName).PageAsync(filter.Page, filter.PageSize, ct);
        return page.Map(x => SelfReportSubmissions.View(x.r, x.FormName, x.EntityName));
    }

    public async Task<Paged<OverdueView>> OverdueAsync(CurrentUser caller, bool openOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.OverdueReports.AsNoTracking()
            .Join(db.Entities.In(caller.Jurisdiction), o => o.EntityId, e => e.Id, (o, e) => new { o, EntityName = e.Name })
            .Join(db.SelfReportForms, x => x.o.FormId, f => f.Id, (x, f) => new { x.o, x.EntityName, FormName = f.Name });
        query = openOnly ? query.Where(x => x.o.ReportedAt == null) : query;
        var result = await query.OrderByDescending(x => x.o.DueAt).ThenBy(x => x.EntityName).PageAsync(page, pageSize, ct);
        return result.Map(x => new OverdueView(x.o.FormId, x.FormName, x.o.EntityId, x.EntityName, x.o.PeriodStart, x.o.DueAt, x.o.DetectedAt, x.o.ReportedAt));
    }
}
