using Microsoft.EntityFrameworkCore;
using Tianmu.Catalog;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Persistence;
using Tianmu.Server.Catalog;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

/// <summary>
/// Which rules watch a device: the rule packs named by the catalog items in force for its entity —
/// the entity's agency's items and those of the agencies above it, current published version, of the
/// entity's category — limited to the series rules whose metric the device measures.
/// </summary>
public sealed class ApplicableRules(TianmuDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<RaisedBy>> ForAsync(Device device, RegulatedEntity entity, CancellationToken ct)
    {
        var today = clock.Today();
        var paths = CatalogAdmin.AncestorPaths(entity.AgencyPath).Append(entity.AgencyPath).ToList();
        var versions = await db.CatalogVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published && v.RulePack != null
                && db.CatalogItems.Any(i => i.Id == v.ItemId && paths.Contains(i.Agency!.Path)))
            .ToListAsync(ct);
        var current = versions.GroupBy(v => v.ItemId).Select(g => g.MaxBy(v => v.Number)!)
            .Where(v => v.EffectiveFrom <= today && (v.EffectiveTo is null || v.EffectiveTo >= today) && v.CategoryList.Contains(entity.Category));
        var metrics = device.Parameters.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        return [.. current.Select(v => RulePacks.Find(v.RulePack!)).OfType<RulePack>().DistinctBy(p => p.Code)
            .SelectMany(pack => pack.Rules.Where(r => RuleEvaluator.IsSeriesKind(r.Kind) && r.Metric is { } metric && metrics.Contains(metric))
                .Select(rule => new RaisedBy(pack, rule)))];
    }
}
