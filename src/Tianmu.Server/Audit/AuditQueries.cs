using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Audit;

public sealed record AuditView(long Id, DateTimeOffset At, string AtChina, string ActorName, string Action, string EntityType, string EntityId, string Changes, string? RequestId);

/// <summary>Filters over the audit trail; dates are China Standard Time calendar dates, inclusive.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? Actor, string? EntityType, string? EntityId, string? Action, int? Page, int? PageSize);

public sealed class AuditQueries(TianmuDb db)
{
    public async Task<Paged<AuditView>> ListAsync(CurrentUser caller, AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditRecords.AsNoTracking();
        var j = caller.Jurisdiction;
        if (!j.Everything)
        {
            // Records of actions taken inside the caller's jurisdiction; platform-level records stay with platform staff.
            query = j.AgencyPath is null ? query.Where(_ => false) : query.Where(a => a.AgencyPath != null && a.AgencyPath.StartsWith(j.AgencyPath));
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.ActorName == filter.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action.StartsWith(filter.Action.Trim()));
        }

        var page = await query.OrderByDescending(a => a.Id).PageAsync(filter.Page, filter.PageSize, ct);
        return page.Map(a => new AuditView(a.Id, a.At, ChinaTime.Format(a.At), a.ActorName, a.Action, a.EntityType, a.EntityId, a.Changes, a.RequestId));
    }
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async ([AsParameters] AuditFilter filter, HttpContext http, AuditQueries audit, CancellationToken ct) =>
                TypedResults.Ok(await audit.ListAsync(http.Caller(), filter, ct)))
            .WithTags("审计").RequireAuthorization(Authz.Overseers).WithSummary("审计记录（分页、筛选）");
}
