using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Inspections;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Inspections;

public sealed record RandomDrawInput(Guid? AgencyId, string? Category, int? SampleSize, int? OfficersPerEntity);

public sealed record DrawResultView(int Order, Guid EntityId, string EntityName, double Weight, IReadOnlyList<PoolOfficer> Officers, DateOnly? InspectedOn, string? Outcome, string? OutcomeName);

public sealed record RandomDrawView(
    Guid Id, Guid AgencyId, string AgencyName, string? Category, string CategoryName, string Seed, string Algorithm, string PoolHash, int EntityPoolSize,
    int OfficerPoolSize, int SampleSize, int OfficersPerEntity, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? PublishedBy,
    IReadOnlyList<DrawResultView> Results);

public sealed record PublicDrawsView(string? AgencyName, int Created, int Published, IReadOnlyList<RandomDrawView> Draws);

/// <summary>
/// 双随机一公开: a head draws entities of a jurisdiction (weighted by their sampling ratios) and officers for each
/// (excluding conflicts) under <see cref="RandomDraw"/>, and publishes the draw; the public reads published draws
/// with their seed, pool hash, result and, once recorded, each inspection's outcome.
/// </summary>
public sealed class InspectionDraws(TianmuDb db, CurrentSupervision supervision, InspectionRecords records, InspectionPlans plans, TimeProvider clock)
{
    public static readonly Role[] Drawers = [Role.Head];

    /// <summary>Investigators of a case of the entity accepted within this many years are in conflict with it.</summary>
    public const int CaseConflictYears = 3;

    public async Task<Result<RandomDrawView>> CreateAsync(CurrentUser caller, RandomDrawInput input, CancellationToken ct)
    {
        var scope = await plans.ScopeAsync(caller, input.AgencyId, null, ct);
        if (!scope.IsSuccess)
        {
            return scope.Error!;
        }

        var (agency, _) = scope.Value;
        var category = string.IsNullOrWhiteSpace(input.Category) ? null : EntityCategories.Parse(input.Category);
        if (!string.IsNullOrWhiteSpace(input.Category) && category is null)
        {
            return Error.Validation("category", "单位类别无效。");
        }

        var today = clock.Today();
        var jurisdiction = new Jurisdiction(agency.Path, false);
        var entityQuery = db.Entities.In(jurisdiction);
        if (category is { } c)
        {
            entityQuery = entityQuery.Where(e => e.Category == c);
        }

        var entities = (await supervision.ForAsync(entityQuery, today.Year, today, ct)).Where(e => e.Planned.SamplingRatio > 0).ToList();
        if (entities.Count == 0)
        {
            return Error.Unprocessable("draw.empty_pool", "所选范围内没有可抽取的检查对象。");
        }

        var pool = entities.Select(e => new PoolEntity(e.Id, e.Name, e.Planned.Grade, e.Planned.SamplingRatio)).ToList();
        var size = input.SampleSize ?? RandomDraw.DefaultSampleSize(pool);
        var perEntity = input.OfficersPerEntity ?? RandomDraw.MinimumOfficers;
        var errors = new FieldErrors();
        if (size < 1 || size > pool.Count)
        {
            errors.Add("sampleSize", $"抽取数量须在 1 到 {pool.Count}（可抽取单位数）之间。");
        }

        if (perEntity < RandomDraw.MinimumOfficers || perEntity > 10)
        {
            errors.Add("officersPerEntity", $"每个检查对象的执法人员须在 {RandomDraw.MinimumOfficers} 到 10 名之间（《中华人民共和国行政处罚法》第四十二条）。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var officers = await records.Officers(jurisdiction).Select(u => new PoolOfficer(u.Id, u.DisplayName)).ToListAsync(ct);
        var pools = new DrawPools(size, perEntity, pool, officers, await ConflictsAsync(pool, officers, today, ct));
        var seed = RandomDraw.NewSeed();
        var drawn = RandomDraw.Run(seed, pools);
        if (!drawn.IsSuccess)
        {
            return drawn.Error!;
        }

        var draw = new InspectionDraw(Guid.CreateVersion7(), agency.Id, agency.Path, category?.ToString(), seed, RandomDraw.WritePools(pools), pools, drawn.Value!,
            $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.InspectionDraws.Add(draw);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(draw, agency.Name, ct);
    }

    public async Task<Result<RandomDrawView>> PublishAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var draw = await Scoped(caller).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draw is null)
        {
            return Error.NotFound("随机抽取");
        }

        if (!draw.Publish($"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow()))
        {
            return Error.Conflict("draw.already_published", "该次抽取已公开。");
        }

        await db.SaveChangesAsync(ct);
        return await ViewAsync(draw, await AgencyNameAsync(draw.AgencyId, ct), ct);
    }

    public async Task<Result<RandomDrawView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } draw
            ? await ViewAsync(draw, await AgencyNameAsync(draw.AgencyId, ct), ct)
            : Error.NotFound("随机抽取");

    /// <summary>The frozen pools JSON of a draw in the caller's jurisdiction, for recomputation.</summary>
    public async Task<string?> PoolsAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().Where(d => d.Id == id).Select(d => d.PoolsJson).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<RandomDrawView>> ListAsync(CurrentUser caller, CancellationToken ct) =>
        await ViewsAsync(Scoped(caller).AsNoTracking(), ct);

    /// <summary>Published draws, for everyone: by division code (行政区划代码) of the agency or one above it.</summary>
    public async Task<PublicDrawsView> PublishedAsync(string? divisionCode, CancellationToken ct)
    {
        var draws = db.InspectionDraws.AsNoTracking();
        string? agencyName = null;
        if (!string.IsNullOrWhiteSpace(divisionCode))
        {
            var code = "/" + divisionCode.Trim() + "/";
            draws = draws.Where(d => d.AgencyPath.Contains(code));
            agencyName = await db.Agencies.AsNoTracking().Where(a => a.DivisionCode == divisionCode.Trim()).Select(a => a.Name).FirstOrDefaultAsync(ct);
        }

        var created = await draws.CountAsync(ct);
        var published = await ViewsAsync(draws.Where(d => d.PublishedAt != null), ct);
        return new PublicDrawsView(agencyName, created, published.Count, published);
    }

    private async Task<List<PoolConflict>> ConflictsAsync(List<PoolEntity> pool, List<PoolOfficer> officers, DateOnly today, CancellationToken ct)
    {
        var entityIds = pool.Select(e => e.Id).ToList();
        var officerIds = officers.Select(o => o.Id).ToList();
        var declared = await db.OfficerConflicts.AsNoTracking().Where(c => entityIds.Contains(c.EntityId) && officerIds.Contains(c.OfficerId))
            .Select(c => new { c.OfficerId, c.EntityId }).ToListAsync(ct);
        var since = today.AddYears(-CaseConflictYears);
        var investigated = await (from m in db.CaseMembers.AsNoTracking()
                                  join c in db.Cases.AsNoTracking() on m.CaseId equals c.Id
                                  where m.Role == CaseMemberRole.Investigator && c.AcceptedOn >= since && entityIds.Contains(c.EntityId) && officerIds.Contains(m.UserId)
                                  select new { OfficerId = m.UserId, c.EntityId }).Distinct().ToListAsync(ct);
        var declaredSet = declared.Select(d => (d.OfficerId, d.EntityId)).ToHashSet();
        return [.. declared.Select(d => new PoolConflict(d.OfficerId, d.EntityId, "declared")),
            .. investigated.Where(i => !declaredSet.Contains((i.OfficerId, i.EntityId))).Select(i => new PoolConflict(i.OfficerId, i.EntityId, "case"))];
    }

    private IQueryable<InspectionDraw> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.InspectionDraws : j.AgencyPath is { } path ? db.InspectionDraws.Where(d => d.AgencyPath.StartsWith(path)) : db.InspectionDraws.Where(_ => false);
    }

    private async Task<string> AgencyNameAsync(Guid id, CancellationToken ct) => await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstAsync(ct);

    private async Task<List<RandomDrawView>> ViewsAsync(IQueryable<InspectionDraw> draws, CancellationToken ct)
    {
        var rows = await (from d in draws
                          join a in db.Agencies.AsNoTracking() on d.AgencyId equals a.Id
                          orderby d.CreatedAt descending
                          select new { d, a.Name }).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.d.Id).ToList();
        var done = await Results(db.Inspections.AsNoTracking().Where(i => i.DrawId != null && ids.Contains(i.DrawId.Value)), ct);
        return [.. rows.Select(r => View(r.d, r.Name, done))];
    }

    private async Task<RandomDrawView> ViewAsync(InspectionDraw draw, string agencyName, CancellationToken ct) =>
        View(draw, agencyName, await Results(db.Inspections.AsNoTracking().Where(i => i.DrawId == draw.Id), ct));

    private static async Task<Dictionary<(Guid, Guid), Inspection>> Results(IQueryable<Inspection> inspections, CancellationToken ct) =>
        (await inspections.ToListAsync(ct)).GroupBy(i => (i.DrawId!.Value, i.EntityId)).ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.InspectedOn).First());

    private static RandomDrawView View(InspectionDraw d, string agencyName, Dictionary<(Guid, Guid), Inspection> done) => new(
        d.Id, d.AgencyId, agencyName, d.Category, Enum.TryParse<EntityCategory>(d.Category, out var c) ? c.ToChinese() : "全部类别", d.Seed, d.Algorithm, d.PoolHash,
        d.EntityPoolSize, d.OfficerPoolSize, d.SampleSize, d.OfficersPerEntity, d.CreatedBy, d.CreatedAt, d.PublishedAt, d.PublishedBy,
        [.. RandomDraw.ReadResults(d.ResultsJson).Select(r => done.TryGetValue((d.Id, r.EntityId), out var i)
            ? new DrawResultView(r.Order, r.EntityId, r.Name, r.Weight, r.Officers, i.InspectedOn, i.Outcome.ToString(), i.Outcome.ToChinese())
            : new DrawResultView(r.Order, r.EntityId, r.Name, r.Weight, r.Officers, null, null, null))]);
}
