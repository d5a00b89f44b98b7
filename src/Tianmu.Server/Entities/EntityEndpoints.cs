using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Entities;

public sealed record EntityView(Guid Id, string Name, string? CreditCode, string Category, string CategoryName, string SubCategory, Guid AgencyId, string AgencyName, string Address)
{
    public static EntityView Of(RegulatedEntity e) =>
        new(e.Id, e.Name, e.CreditCode, e.Category.ToString(), e.Category.ToChinese(), e.SubCategory, e.AgencyId, e.Agency?.Name ?? "", e.Address);
}

public sealed record EntityFilter(EntityCategory? Category, Guid? AgencyId, string? Q, int? Page, int? PageSize);

/// <summary>Read access to regulated entities (行政相对人), scoped to the caller's jurisdiction.</summary>
public sealed class EntityQueries(TianmuDb db)
{
    public async Task<Paged<EntityView>> ListAsync(CurrentUser caller, EntityFilter filter, CancellationToken ct)
    {
        var query = db.Entities.In(caller.Jurisdiction).Include(e => e.Agency).AsQueryable();
        if (filter.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }

        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(e => e.AgencyId == agencyId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.Where(e => e.Name.Contains(filter.Q.Trim()));
        }

        return (await query.OrderBy(e => e.Name).PageAsync(filter.Page, filter.PageSize, ct)).Map(EntityView.Of);
    }

    public async Task<Result<EntityView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await db.Entities.In(caller.Jurisdiction).Include(e => e.Agency).FirstOrDefaultAsync(e => e.Id == id, ct) is { } entity
            ? EntityView.Of(entity)
            : Error.NotFound("监管对象");
}

public static class EntityEndpoints
{
    public static void MapEntityEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/entities").WithTags("监管对象").RequireAuthorization(Authz.Staff);
        group.MapGet("/", async ([AsParameters] EntityFilter filter, HttpContext http, EntityQueries entities, CancellationToken ct) =>
            TypedResults.Ok(await entities.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的监管对象（分页）");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, EntityQueries entities, CancellationToken ct) =>
            (await entities.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("监管对象详情");
    }
}
