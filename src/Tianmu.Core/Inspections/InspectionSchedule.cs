using Tianmu.Credit;

namespace Tianmu.Inspections;

/// <summary>
/// 差异化监管 — how often an entity is inspected on site in a year and by when (S10, Z4, Z8): the frequency and
/// sampling ratio come only from the credit model (<see cref="CreditModel.SupervisionFor"/>) given the entity's
/// current grade and whether it is on the key-supervision list; the inspections are spread evenly over the year.
/// </summary>
public static class InspectionSchedule
{
    /// <summary>
    /// The due dates of <paramref name="perYear"/> inspections in <paramref name="year"/>: the k-th is due by the last
    /// day of month ⌈12·k/n⌉ — once: 12-31; twice: 06-30 and 12-31; three times: 04-30, 08-31, 12-31; four: quarter ends.
    /// </summary>
    public static IReadOnlyList<DateOnly> DueDates(int year, int perYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perYear, 0);
        return [.. Enumerable.Range(1, perYear).Select(k =>
        {
            var month = (12 * k + perYear - 1) / perYear;
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        })];
    }

    /// <summary>
    /// The band an entity without any grade is planned as: the model's middle band (B in the default model), not
    /// reduced — it has not shown the self-monitoring that earns the reduction, nor anything that earns more.
    /// </summary>
    public static string UngradedBand(CreditModel model) => model.Grades[(model.Grades.Count - 1) / 2].Label;

    /// <summary>
    /// One entity's line of the plan from its current grade (null when never graded) and whether it is on the
    /// key-supervision list (an active <see cref="KeySupervisionEntry"/>, S20/Z24) on the day the plan is made.
    /// </summary>
    public static PlannedEntity Plan(CreditModel model, int year, CurrentGrade? grade, bool listed)
    {
        var label = grade?.Grade ?? UngradedBand(model);
        var selfMonitored = grade?.SelfMonitored ?? false;
        var keySupervision = listed || (grade?.KeySupervision ?? false);
        var level = model.SupervisionFor(label, selfMonitored, keySupervision);
        return new PlannedEntity(label, grade is not null, selfMonitored, level.KeySupervision, level.Reduced, level.InspectionsPerYear, level.SamplingRatio,
            DueDates(year, level.InspectionsPerYear));
    }

    /// <summary>
    /// What a plan under <paramref name="model"/> rests on, in the words of the model itself: each band's yearly
    /// inspections and sampling ratio, the key-supervision floor, the self-monitoring reduction and the ungraded rule.
    /// </summary>
    public static string Basis(CreditModel model)
    {
        var s = model.Supervision;
        var bands = string.Join("、", model.Grades.Select(g => $"{g.Label} 级每年 {g.InspectionsPerYear} 次（抽查比例 {g.SamplingRatio:0.##%}）"));
        return $"频次与抽查比例按信用风险分类分级模型确定（鲁非现场执法规定第十条；浙非现场执法办法第四条、第八条），本机构适用“{model.Name}”（{model.Code} 第 {model.Version} 版）："
            + $"{bands}；重点监管名单每年至少 {s.KeySupervisionPerYear} 次（抽查比例至少 {s.KeySupervisionSamplingRatio:0.##%}）；"
            + $"安装设备并真实自行监测的减少 {s.SelfMonitoredReduction} 次（每年至少 {s.MinimumPerYear} 次）；未评级的按中间档（{UngradedBand(model)} 级）计。"
            + "每个监管对象按其信用评价所用的模型版本计算；n 次检查分别于第 ⌈12k/n⌉ 月末前完成。";
    }

    /// <summary>
    /// Progress against the due dates: the k-th inspection of the year (in date order) fulfils the k-th due date —
    /// on time when on or before it; a due date passed with no inspection for it is overdue.
    /// </summary>
    public static IReadOnlyList<PlanSlot> Progress(IReadOnlyList<DateOnly> due, IEnumerable<DateOnly> inspectedOn, DateOnly today)
    {
        var done = inspectedOn.Order().ToList();
        return [.. due.Select((d, k) => k < done.Count
            ? new PlanSlot(d, done[k], done[k] <= d ? SlotState.Done : SlotState.DoneLate)
            : new PlanSlot(d, null, d < today ? SlotState.Overdue : SlotState.Pending))];
    }
}

/// <summary>The fields of an entity's current <see cref="CreditGrade"/> (latest AsOf, then ComputedAt) that set its supervision.</summary>
public sealed record CurrentGrade(string Grade, bool SelfMonitored, bool KeySupervision);

/// <summary>
/// An entity's line of the plan: the grade it was planned as (<see cref="Graded"/> false: the ungraded rule),
/// on-site inspections a year, its sampling ratio in random draws, and the due dates.
/// </summary>
public sealed record PlannedEntity(
    string Grade, bool Graded, bool SelfMonitored, bool KeySupervision, bool Reduced, int PerYear, double SamplingRatio, IReadOnlyList<DateOnly> DueDates);

public enum SlotState
{
    /// <summary>按期完成</summary>
    Done,

    /// <summary>逾期完成</summary>
    DoneLate,

    /// <summary>已逾期</summary>
    Overdue,

    /// <summary>未到期</summary>
    Pending,
}

/// <summary>One due inspection and the inspection that fulfilled it, if any.</summary>
public sealed record PlanSlot(DateOnly Due, DateOnly? DoneOn, SlotState State);

public static class SlotStates
{
    public static string ToChinese(this SlotState state) => state switch
    {
        SlotState.Done => "按期完成",
        SlotState.DoneLate => "逾期完成",
        SlotState.Overdue => "已逾期",
        _ => "未到期",
    };
}
