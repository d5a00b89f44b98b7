using Microsoft.EntityFrameworkCore;

namespace Tianmu.Server.Api;

/// <summary>A page of a server-side paged list; tables stay usable at 100,000 rows.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int MaxPageSize = 200;

    public static async Task<Paged<T>> PageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, total, number, size);
    }

    public static Paged<TOut> Map<TIn, TOut>(this Paged<TIn> page, Func<TIn, TOut> map) =>
        new([.. page.Items.Select(map)], page.Total, page.Page, page.PageSize);
}
