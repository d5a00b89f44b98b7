using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Inspections;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Inspections;

public sealed record PlanQuery(Guid? AgencyId, int? Year);

public sealed record PlanInput(Guid? AgencyId, int? Year);

public sealed record SlotView(DateOnly Due, DateOnly? DoneOn, string State, string StateName);

public sealed record PlanRow(
    Guid EntityId, string EntityName, string Category, string Grade, bool Graded, bool SelfMonitored, bool KeySupervision, int PerYear,
    double SamplingRatio, int Done, IReadOnlyList<SlotView> Slots);

public sealed record MonthProgress(int Month, int Due, int Done);

public sealed record PlanView(
    Guid PlanId, Guid AgencyId, string AgencyName, int Year, string ModelCode, int ModelVersion, DateOnly GradesOn, DateTimeOffset GeneratedAt,
    string GeneratedBy, int Revision, DateOnly Today, int Entities, int Due, int Done, int Overdue, IReadOnlyList<MonthProgress> Months,
    IReadOnlyList<PlanRow> Rows, string Basis);

/// <summary>
/// The yearly on-site inspection plan of an agency (S10, Z4, Z8): generated from every entity's current grade in
/// the agency's jurisdiction, then read with its progress — each due date and the inspection that fulfilled it,
/// and due against done by month.
/// </summary>
public sealed class InspectionPlans(TianmuDb db, CurrentSupervision supervision, TimeProvider clock)
{
    /// <summary>The page's introduction before a plan is shown; a plan states its model's figures (<see cref="InspectionSchedule.Basis"/>).</summary>
    public const string Basis = "频次与抽查比例按信用风险分类分级模型确定（鲁非现场执法规定第十条；浙非现场执法办法第四条、第八条）：" +
        "信用等级越高、风险越低，现场检查越少；重点监管名单上的监管对象检查最多；安装设备并真实自行监测的可减少检查次数。" +
        "各机构可发布本地区的模型版本，每个监管对象按其信用评价所用的模型版本计算。";

    public async Task<Result<PlanView>> GenerateAsync(CurrentUser caller, PlanInput input, CancellationToken ct)
    {
        var scope = await ScopeAsync(caller, input.AgencyId, input.Year, ct);
        if (!scope.IsSuccess)
        {
            return scope.Error!;
        }

        var (agency, year) = scope.Value;
        var today = clock.Today();
        var entities = await supervision.ForAsync(db.Entities.In(new Jurisdiction(agency.Path, false)), year, today, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.AgencyId == agency.Id && p.Year == year, ct);
        if (plan is null)
        {
            plan = new InspectionPlan(Guid.CreateVersion7(), agency.Id, agency.Path, year);
            db.InspectionPlans.Add(plan);
        }
        else
        {
            await db.InspectionPlanItems.Where(i => i.PlanId == plan.Id).ExecuteDeleteAsync(ct);
        }

        var model = await supervision.ModelAsync(null, null, agency.Path, today, ct);
        plan.Generate(model.Code, model.Version, today, clock.GetUtcNow(), $"{caller.DisplayName}（{caller.UserName}）");
        db.InspectionPlanItems.AddRange(entities.Select(e => new InspectionPlanItem(Guid.CreateVersion7(), plan.Id, e.Id, e.Planned)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(plan, agency, ct);
    }

    public async Task<Result<PlanView>> ReadAsync(CurrentUser caller, PlanQuery query, CancellationToken ct)
    {
        var scope = await ScopeAsync(caller, query.AgencyId, query.Year, ct);
        if (!scope.IsSuccess)
        {
            return scope.Error!;
        }

        var (agency, year) = scope.Value;
        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.AgencyId == agency.Id && p.Year == year, ct);
        return plan is null
            ? new Error(ErrorKind.NotFound, "inspection_plan.not_generated", $"{agency.Name}尚未生成 {year} 年度检查计划，请由负责人生成。")
            : await ViewAsync(plan, agency, ct);
    }

    /// <summary>The agencies the caller may plan for, own first.</summary>
    public async Task<List<Agency>> AgenciesAsync(CurrentUser caller, CancellationToken ct) =>
        await db.Agencies.In(caller.Jurisdiction).AsNoTracking().OrderBy(a => a.Path).ToListAsync(ct);

    public static string ToCsv(PlanView p) => Csv.Write(
    [
        ["单位", "类别", "信用等级", "已评级", "自行监测", "重点监管", "年度检查次数", "抽查比例", "已完成", "应完成日期", "完成日期", "状态"],
        .. p.Rows.SelectMany(r => r.Slots.Select(s => new[]
        {
            r.EntityName, r.Category, r.Grade, r.Graded ? "是" : "否（按中间档）", r.SelfMonitored ? "是" : "否", r.KeySupervision ? "是" : "否",
            r.PerYear.ToString(System.Globalization.CultureInfo.InvariantCulture), r.SamplingRatio.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            r.Done.ToString(System.Globalization.CultureInfo.InvariantCulture), Day(s.Due), s.DoneOn is { } d ? Day(d) : "", s.StateName,
        })),
    ]);

    internal async Task<Result<(Agency Agency, int Year)>> ScopeAsync(CurrentUser caller, Guid? agencyId, int? year, CancellationToken ct)
    {
        var agencies = db.Agencies.In(caller.Jurisdiction).AsNoTracking();
        var agency = agencyId is { } id
            ? await agencies.FirstOrDefaultAsync(a => a.Id == id, ct)
            : caller.AgencyId is { } own ? await agencies.FirstOrDefaultAsync(a => a.Id == own, ct) : null;
        if (agency is null)
        {
            return Error.Validation("agencyId", "请选择管辖范围内的机构。");
        }

        var y = year ?? clock.Today().Year;
        return y is < 2000 or > 2100 ? Error.Validation("year", "年度须在 2000 至 2100 之间。") : (agency, y);
    }

    private async Task<PlanView> ViewAsync(InspectionPlan plan, Agency agency, CancellationToken ct)
    {
        var today = clock.Today();
        var items = await (from i in db.InspectionPlanItems.AsNoTracking()
                           join e in db.Entities.AsNoTracking() on i.EntityId equals e.Id
                           where i.PlanId == plan.Id
                           orderby e.AgencyPath, e.Name
                           select new { Item = i, e.Name, e.Category }).ToListAsync(ct);
        var (first, last) = (new DateOnly(plan.Year, 1, 1), new DateOnly(plan.Year, 12, 31));
        var planned = db.InspectionPlanItems.Where(i => i.PlanId == plan.Id).Select(i => i.EntityId);
        var done = (await db.Inspections.AsNoTracking().Where(x => planned.Contains(x.EntityId) && x.InspectedOn >= first && x.InspectedOn <= last)
            .Select(x => new { x.EntityId, x.InspectedOn }).ToListAsync(ct)).ToLookup(x => x.EntityId, x => x.InspectedOn);
        var rows = items.Select(x =>
        {
            var progress = InspectionSchedule.Progress(x.Item.DueDateList(), done[x.Item.EntityId], today);
            return new PlanRow(x.Item.EntityId, x.Name, x.Category.ToChinese(), x.Item.Grade, x.Item.Graded, x.Item.SelfMonitored, x.Item.KeySupervision, x.Item.PerYear,
                x.Item.SamplingRatio, progress.Count(s => s.DoneOn is not null), [.. progress.Select(s => new SlotView(s.Due, s.DoneOn, s.State.ToString(), s.State.ToChinese()))]);
        }).ToList();
        var slots = rows.SelectMany(r => r.Slots).ToList();
        var months = Enumerable.Range(1, 12).Select(m => new MonthProgress(m, slots.Count(s => s.Due.Month == m), slots.Count(s => s.DoneOn?.Month == m))).ToList();
        return new PlanView(plan.Id, agency.Id, agency.Name, plan.Year, plan.ModelCode, plan.ModelVersion, plan.GradesOn, plan.GeneratedAt, plan.GeneratedBy, plan.Revision, today,
            rows.Count, slots.Count, slots.Count(s => s.DoneOn is not null), slots.Count(s => s.State == nameof(SlotState.Overdue)), months, rows,
            InspectionSchedule.Basis(await supervision.ModelAsync(plan.ModelCode, plan.ModelVersion, agency.Path, plan.GradesOn, ct)));
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
