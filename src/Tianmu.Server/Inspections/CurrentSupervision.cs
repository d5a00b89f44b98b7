using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Entities;
using Tianmu.Inspections;
using Tianmu.Persistence;
using Tianmu.Server.Credit;

namespace Tianmu.Server.Inspections;

/// <summary>An entity with the supervision its current grade earns, and the model version that set it.</summary>
public sealed record SupervisedEntity(Guid Id, string Name, EntityCategory Category, string AgencyPath, PlannedEntity Planned, string ModelCode, int ModelVersion);

/// <summary>
/// Each entity's supervision from its current credit grade (the <see cref="CreditGrade"/> with the latest AsOf, then
/// ComputedAt) and the key-supervision list on a day — the one source of inspection frequencies and sampling ratios
/// for plans, draws and the entity page. The rules are those of the model version the grade was computed under (an
/// agency's own, S4/S10/Z4), so a grade and what it means for supervision never come from different models; an entity
/// without a grade (or whose grade names a model no longer known) is planned under the model in force for its agency
/// that day (<see cref="CreditModelChoice.For"/>). Three queries for a whole jurisdiction, none per entity.
/// </summary>
public sealed class CurrentSupervision(TianmuDb db)
{
    public async Task<List<SupervisedEntity>> ForAsync(IQueryable<RegulatedEntity> entities, int year, DateOnly day, CancellationToken ct)
    {
        var models = await CreditModelChoice.LoadAsync(db, ct);
        var rows = await entities.AsNoTracking().Select(e => new { e.Id, e.Name, e.Category, e.AgencyPath }).ToListAsync(ct);
        var ids = entities.Select(e => e.Id);
        var grades = await db.CreditGrades.AsNoTracking()
            .Where(g => ids.Contains(g.EntityId))
            .Current(db.CreditGrades, day)
            .Select(g => new { g.EntityId, g.Grade, g.SelfMonitored, g.KeySupervision, g.ModelCode, g.ModelVersion })
            .ToListAsync(ct);
        var current = grades.GroupBy(g => g.EntityId).ToDictionary(g => g.Key, g => g.First());
        var listed = (await db.KeySupervisionEntries.AsNoTracking()
            .Where(k => ids.Contains(k.EntityId) && k.ListedOn <= day && (k.RemovedOn == null || k.RemovedOn > day))
            .Select(k => k.EntityId).ToListAsync(ct)).ToHashSet();
        return [.. rows.OrderBy(r => r.AgencyPath, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r =>
        {
            var grade = current.GetValueOrDefault(r.Id);
            var model = models.Of(grade?.ModelCode, grade?.ModelVersion, r.AgencyPath, day);
            var planned = InspectionSchedule.Plan(model, year, grade is null ? null : new CurrentGrade(grade.Grade, grade.SelfMonitored, grade.KeySupervision), listed.Contains(r.Id));
            return new SupervisedEntity(r.Id, r.Name, r.Category, r.AgencyPath, planned, model.Code, model.Version);
        })];
    }

    /// <summary>
    /// The model named by <paramref name="code"/> and <paramref name="version"/> when known, else the one in force for
    /// <paramref name="agencyPath"/> on <paramref name="day"/> (<see cref="CreditModelChoice.Of"/>): what a plan for an agency names.
    /// </summary>
    public async Task<CreditModel> ModelAsync(string? code, int? version, string agencyPath, DateOnly day, CancellationToken ct) =>
        (await CreditModelChoice.LoadAsync(db, ct)).Of(code, version, agencyPath, day);
}
