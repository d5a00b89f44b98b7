using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Entities;
using Tianmu.Inspections;
using Tianmu.Persistence;

namespace Tianmu.Server.Inspections;

/// <summary>An entity with the supervision its current grade earns.</summary>
public sealed record SupervisedEntity(Guid Id, string Name, EntityCategory Category, string AgencyPath, PlannedEntity Planned);

/// <summary>
/// Each entity's supervision from its current credit grade (the <see cref="CreditGrade"/> with the latest AsOf, then
/// ComputedAt) and the key-supervision list on a day, under the credit model — the one source of inspection
/// frequencies and sampling ratios for plans and draws. Two queries for a whole jurisdiction, none per entity.
/// </summary>
public sealed class CurrentSupervision(TianmuDb db)
{
    /// <summary>The model whose supervision rules apply (the shipped default until agencies publish their own).</summary>
    public static CreditModel Model => CreditModels.Default;

    public async Task<List<SupervisedEntity>> ForAsync(IQueryable<RegulatedEntity> entities, int year, DateOnly day, CancellationToken ct)
    {
        var rows = await entities.AsNoTracking().Select(e => new { e.Id, e.Name, e.Category, e.AgencyPath }).ToListAsync(ct);
        var ids = entities.Select(e => e.Id);
        var grades = await db.CreditGrades.AsNoTracking()
            .Where(g => ids.Contains(g.EntityId))
            .Current(db.CreditGrades, day)
            .Select(g => new { g.EntityId, g.Grade, g.SelfMonitored, g.KeySupervision })
            .ToListAsync(ct);
        var current = grades.GroupBy(g => g.EntityId).ToDictionary(g => g.Key, g => new CurrentGrade(g.First().Grade, g.First().SelfMonitored, g.First().KeySupervision));
        var listed = (await db.KeySupervisionEntries.AsNoTracking()
            .Where(k => ids.Contains(k.EntityId) && k.ListedOn <= day && (k.RemovedOn == null || k.RemovedOn > day))
            .Select(k => k.EntityId).ToListAsync(ct)).ToHashSet();
        return [.. rows.OrderBy(r => r.AgencyPath, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new SupervisedEntity(r.Id, r.Name, r.Category, r.AgencyPath, InspectionSchedule.Plan(Model, year, current.GetValueOrDefault(r.Id), listed.Contains(r.Id))))];
    }
}
