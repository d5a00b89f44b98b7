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
/// Which rules watch an entity and its devices: the rule packs named by the catalog items in force
/// for the entity — the entity's agency's items and those of the agencies above it, current published
/// version, of the entity's category. A device is watched by the series rules whose metric it measures
/// and by the AI event rules; self-report rules come from the pack of the form's own catalog item.
/// </summary>
public sealed class ApplicableRules(TianmuDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<RaisedBy>> ForAsync(Device device, RegulatedEntity entity, CancellationToken ct)
    {
        var metrics = device.Parameters.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        return Rules(await PacksForAsync(entity, ct), r => RuleEvaluator.IsSeriesKind(r.Kind) && r.Metric is { } metric && metrics.Contains(metric));
    }

    /// <summary>The AI event count rules for the entity's cameras.</summary>
    public async Task<IReadOnlyList<RaisedBy>> EventRulesAsync(RegulatedEntity entity, CancellationToken ct) =>
        Rules(await PacksForAsync(entity, ct), r => r.Kind == RuleKind.AiEventCount);

    /// <summary>The rules of <paramref name="kind"/> in the pack of a catalog item's current version, if it names one.</summary>
    public async Task<IReadOnlyList<RaisedBy>> ForItemAsync(Guid catalogItemId, RuleKind kind, CancellationToken ct)
    {
        var today = clock.Today();
        var current = (await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == catalogItemId && v.Status == VersionStatus.Published).ToListAsync(ct))
            .MaxBy(v => v.Number);
        var inForce = current is not null && current.EffectiveFrom <= today && (current.EffectiveTo is null || current.EffectiveTo >= today);
        return inForce && current!.RulePack is { } code && RulePacks.Find(code) is { } pack ? Rules([pack], r => r.Kind == kind) : [];
    }

    private async Task<IReadOnlyList<RulePack>> PacksForAsync(RegulatedEntity entity, CancellationToken ct)
    {
        var today = clock.Today();
        var paths = CatalogAdmin.AncestorPaths(entity.AgencyPath).Append(entity.AgencyPath).ToList();
        var versions = await db.CatalogVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published && v.RulePack != null
                && db.CatalogItems.Any(i => i.Id == v.ItemId && paths.Contains(i.Agency!.Path)))
            .ToListAsync(ct);
        var current = versions.GroupBy(v => v.ItemId).Select(g => g.MaxBy(v => v.Number)!)
            .Where(v => v.EffectiveFrom <= today && (v.EffectiveTo is null || v.EffectiveTo >= today) && v.CategoryList.Contains(entity.Category));
        return [.. current.Select(v => RulePacks.Find(v.RulePack!)).OfType<RulePack>().DistinctBy(p => p.Code)];
    }

    private static List<RaisedBy> Rules(IEnumerable<RulePack> packs, Func<RuleDefinition, bool> applies) =>
        [.. packs.SelectMany(pack => pack.Rules.Where(applies).Select(rule => new RaisedBy(pack, rule)))];
}
