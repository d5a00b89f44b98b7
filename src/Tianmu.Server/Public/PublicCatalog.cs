using Microsoft.EntityFrameworkCore;
using Tianmu.Catalog;
using Tianmu.Persistence;
using Tianmu.Server.Catalog;

namespace Tianmu.Server.Public;

public sealed record PublishedItem(Guid Id, string Code, string AgencyName, string DivisionCode, CatalogVersionView Current, int PublishedVersions);

/// <summary>
/// The published enforcement catalog (Z3), no login. For an agency it lists the items of that agency
/// and of the agencies above it, which apply there too; earlier published versions stay readable.
/// </summary>
public sealed class PublicCatalog(TianmuDb db)
{
    public async Task<IReadOnlyList<PublishedItem>> ListAsync(string? divisionCode, CancellationToken ct)
    {
        var items = db.CatalogItems.AsNoTracking().Include(i => i.Agency).AsQueryable();
        if (!string.IsNullOrWhiteSpace(divisionCode))
        {
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.DivisionCode == divisionCode.Trim(), ct);
            if (agency is null)
            {
                return [];
            }

            var paths = CatalogAdmin.AncestorPaths(agency.Path).Append(agency.Path).ToList();
            items = items.Where(i => paths.Contains(i.Agency!.Path));
        }

        var list = await items.OrderBy(i => i.Agency!.Path).ThenBy(i => i.Code).ToListAsync(ct);
        var ids = list.Select(i => i.Id).ToList();
        var published = (await db.CatalogVersions.AsNoTracking().Where(v => ids.Contains(v.ItemId) && v.Status == VersionStatus.Published).ToListAsync(ct))
            .ToLookup(v => v.ItemId);
        return [.. list.Where(i => published[i.Id].Any()).Select(i => new PublishedItem(
            i.Id, i.Code, i.Agency!.Name, i.Agency.DivisionCode, CatalogVersionView.Of(published[i.Id].MaxBy(v => v.Number)!), published[i.Id].Count()))];
    }

    /// <summary>Every published version of an item, newest first; drafts are never public.</summary>
    public async Task<IReadOnlyList<CatalogVersionView>> VersionsAsync(Guid itemId, CancellationToken ct) =>
        [.. (await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == itemId && v.Status == VersionStatus.Published).OrderByDescending(v => v.Number).ToListAsync(ct))
            .Select(CatalogVersionView.Of)];
}
