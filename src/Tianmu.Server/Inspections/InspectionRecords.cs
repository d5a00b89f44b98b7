using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Inspections;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Inspections;

public sealed record RecordInput(Guid? EntityId, DateOnly? InspectedOn, Guid[]? OfficerIds, string? Outcome, string? Findings, Guid? PlanId, Guid? DrawId);

public sealed record InspectionView(
    Guid Id, Guid EntityId, string EntityName, DateOnly InspectedOn, IReadOnlyList<PoolOfficer> Officers, string Outcome, string OutcomeName, string Findings,
    Guid? PlanId, Guid? DrawId, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record InspectionFilter(Guid? EntityId, Guid? DrawId, int? Year);

public sealed record ConflictInput(Guid? OfficerId, Guid? EntityId, string? Reason);

public sealed record ConflictView(Guid Id, Guid OfficerId, string OfficerName, Guid EntityId, string EntityName, string Reason, string DeclaredBy, DateTimeOffset DeclaredAt);

/// <summary>
/// On-site inspections as recorded by the officers who made them (at least two, 行政处罚法 art. 42), and officers'
/// declared conflicts (回避) with entities, which keep them out of the entities' draws and inspections.
/// </summary>
public sealed class InspectionRecords(TianmuDb db, TimeProvider clock)
{
    public static readonly Role[] Inspectors = [Role.Officer, Role.Head];

    public async Task<Result<InspectionView>> RecordAsync(CurrentUser caller, RecordInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("findings", input.Findings, "检查情况", 4000);
        var entity = input.EntityId is { } entityId ? await db.Entities.In(caller.Jurisdiction).AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, ct) : null;
        if (entity is null)
        {
            errors.Add("entityId", "请选择管辖范围内的检查对象。");
        }

        if (input.InspectedOn is not { } on || on > clock.Today() || on.Year < 2000)
        {
            errors.Add("inspectedOn", "请填写检查日期（不得晚于今天）。");
        }

        if (!Enum.TryParse<InspectionOutcome>(input.Outcome, out var outcome) || !Enum.IsDefined(outcome))
        {
            errors.Add("outcome", "请选择检查结果。");
        }

        var ids = (input.OfficerIds ?? []).Distinct().ToList();
        var officers = await Officers(caller.Jurisdiction).Where(u => ids.Contains(u.Id)).Select(u => new PoolOfficer(u.Id, u.DisplayName)).ToListAsync(ct);
        if (ids.Count < RandomDraw.MinimumOfficers || officers.Count != ids.Count)
        {
            errors.Add("officerIds", "现场检查须由两名以上持有执法证的执法人员进行（《中华人民共和国行政处罚法》第四十二条），请选择管辖范围内的执法人员。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var conflicted = await db.OfficerConflicts.AsNoTracking().Where(c => c.EntityId == entity!.Id && ids.Contains(c.OfficerId)).Select(c => c.OfficerId).ToListAsync(ct);
        if (conflicted.Count > 0)
        {
            return Error.Conflict("inspection.officer_conflict", $"{string.Join("、", officers.Where(o => conflicted.Contains(o.Id)).Select(o => o.Name))}已申报与该单位存在利害关系，应当回避。");
        }

        if (input.DrawId is { } drawId)
        {
            var draw = await db.InspectionDraws.AsNoTracking().Where(d => d.Id == drawId && d.AgencyPath.StartsWith(caller.Jurisdiction.AgencyPath ?? "")).FirstOrDefaultAsync(ct);
            if (draw is null || RandomDraw.ReadResults(draw.ResultsJson).All(r => r.EntityId != entity!.Id))
            {
                return Error.Unprocessable("inspection.not_drawn", "该单位不在所选随机抽取结果中。");
            }
        }

        if (input.PlanId is { } planId && !await db.InspectionPlanItems.AnyAsync(i => i.PlanId == planId && i.EntityId == entity!.Id, ct))
        {
            return Error.Unprocessable("inspection.not_planned", "该单位不在所选检查计划中。");
        }

        var inspection = new Inspection(Guid.CreateVersion7(), entity!.Id, entity.AgencyPath, input.InspectedOn!.Value,
            System.Text.Json.JsonSerializer.Serialize(officers.OrderBy(o => o.Name, StringComparer.Ordinal), Json), outcome, input.Findings!.Trim(),
            input.PlanId, input.DrawId, $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return View(inspection, entity.Name);
    }

    public async Task<IReadOnlyList<InspectionView>> ListAsync(CurrentUser caller, InspectionFilter filter, CancellationToken ct)
    {
        var query = from i in db.Inspections.AsNoTracking()
                    join e in db.Entities.In(caller.Jurisdiction).AsNoTracking() on i.EntityId equals e.Id
                    select new { i, e.Name };
        if (filter.EntityId is { } entityId)
        {
            query = query.Where(x => x.i.EntityId == entityId);
        }

        if (filter.DrawId is { } drawId)
        {
            query = query.Where(x => x.i.DrawId == drawId);
        }

        if (filter.Year is { } year)
        {
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(x => x.i.InspectedOn >= first && x.i.InspectedOn <= last);
        }

        var rows = await query.OrderByDescending(x => x.i.InspectedOn).ThenByDescending(x => x.i.RecordedAt).Take(1000).ToListAsync(ct);
        return [.. rows.Select(x => View(x.i, x.Name))];
    }

    /// <summary>Officers who may inspect: active officers and heads of the jurisdiction holding an enforcement credential (art. 42).</summary>
    public IQueryable<User> Officers(Jurisdiction jurisdiction) =>
        db.Users.In(jurisdiction).AsNoTracking()
            .Where(u => u.IsActive && u.CredentialNumber != null && u.Roles.Any(r => r.Role == Role.Officer || r.Role == Role.Head))
            .OrderBy(u => u.DisplayName);

    public async Task<Result<ConflictView>> DeclareAsync(CurrentUser caller, ConflictInput input, CancellationToken ct)
    {
        var officerId = input.OfficerId ?? caller.Id;
        if (officerId != caller.Id && !caller.Has(Role.Head))
        {
            return Error.Forbidden("conflict.not_own", "执法人员只能申报本人的回避事项；为他人登记回避须由负责人进行。");
        }

        var errors = new FieldErrors().Required("reason", input.Reason, "回避理由", 1000);
        var entity = input.EntityId is { } entityId ? await db.Entities.In(caller.Jurisdiction).AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, ct) : null;
        if (entity is null)
        {
            errors.Add("entityId", "请选择管辖范围内的单位。");
        }

        var officer = await Officers(caller.Jurisdiction).FirstOrDefaultAsync(u => u.Id == officerId, ct);
        if (officer is null)
        {
            errors.Add("officerId", "请选择管辖范围内的执法人员。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await db.OfficerConflicts.AnyAsync(c => c.OfficerId == officerId && c.EntityId == entity!.Id, ct))
        {
            return Error.Conflict("conflict.exists", $"{officer!.DisplayName}与“{entity!.Name}”的回避已登记。");
        }

        var conflict = new OfficerConflict(Guid.CreateVersion7(), officerId, entity!.Id, entity.AgencyPath, input.Reason!.Trim(), $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.OfficerConflicts.Add(conflict);
        await db.SaveChangesAsync(ct);
        return new ConflictView(conflict.Id, officerId, officer!.DisplayName, entity.Id, entity.Name, conflict.Reason, conflict.DeclaredBy, conflict.DeclaredAt);
    }

    public async Task<IReadOnlyList<ConflictView>> ConflictsAsync(CurrentUser caller, CancellationToken ct)
    {
        var rows = await (from c in db.OfficerConflicts.AsNoTracking()
                          join e in db.Entities.In(caller.Jurisdiction).AsNoTracking() on c.EntityId equals e.Id
                          join u in db.Users.AsNoTracking() on c.OfficerId equals u.Id
                          orderby c.DeclaredAt descending
                          select new ConflictView(c.Id, c.OfficerId, u.DisplayName, c.EntityId, e.Name, c.Reason, c.DeclaredBy, c.DeclaredAt)).Take(1000).ToListAsync(ct);
        return rows;
    }

    internal static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static IReadOnlyList<PoolOfficer> OfficersOf(Inspection i) => System.Text.Json.JsonSerializer.Deserialize<List<PoolOfficer>>(i.OfficersJson, Json) ?? [];

    private static InspectionView View(Inspection i, string entityName) => new(
        i.Id, i.EntityId, entityName, i.InspectedOn, OfficersOf(i), i.Outcome.ToString(), i.Outcome.ToChinese(), i.Findings, i.PlanId, i.DrawId, i.RecordedBy, i.RecordedAt);
}
