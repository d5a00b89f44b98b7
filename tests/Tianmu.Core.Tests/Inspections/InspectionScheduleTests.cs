using Tianmu.Credit;
using Tianmu.Inspections;

namespace Tianmu.Tests.Inspections;

/// <summary>
/// 差异化监管 (S10, Z4, Z8): the grade sets how often an entity is inspected on site and by when; frequencies come
/// from the credit model only.
/// </summary>
public sealed class InspectionScheduleTests
{
    private static readonly CreditModel Model = CreditModels.Default;

    [Theory]
    [InlineData(1, "2026-12-31")]
    [InlineData(2, "2026-06-30,2026-12-31")]
    [InlineData(3, "2026-04-30,2026-08-31,2026-12-31")]
    [InlineData(4, "2026-03-31,2026-06-30,2026-09-30,2026-12-31")]
    public void InspectionsAreSpreadEvenlyOverTheYear(int perYear, string expected)
    {
        var due = InspectionSchedule.DueDates(2026, perYear);
        Assert.Equal(expected, string.Join(",", due.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void FebruaryEndsOnItsLastDayInALeapYear() =>
        Assert.Equal(new DateOnly(2028, 2, 29), InspectionSchedule.DueDates(2028, 6)[0]);

    [Theory]
    [InlineData("A", false, false, 1)]
    [InlineData("B", false, false, 2)]
    [InlineData("C", false, false, 3)]
    [InlineData("D", false, false, 4)]
    [InlineData("C", true, false, 2)] // S10/Z4: devices actually reporting and real self-monitoring → one fewer a year
    [InlineData("A", true, true, 4)] // S20/Z24: on the key-supervision list → at least quarterly, whatever the grade
    public void TheCurrentGradeSetsTheFrequency(string grade, bool selfMonitored, bool keySupervision, int perYear)
    {
        var planned = InspectionSchedule.Plan(Model, 2026, new CurrentGrade(grade, selfMonitored, keySupervision), listed: false);
        Assert.Equal(perYear, planned.PerYear);
        Assert.Equal(perYear, planned.DueDates.Count);
        Assert.Equal(Model.SupervisionFor(grade, selfMonitored, keySupervision).SamplingRatio, planned.SamplingRatio);
        Assert.True(planned.Graded);
    }

    [Fact]
    public void AnActiveKeySupervisionListingCountsEvenWhenTheGradeDoesNotSaySo()
    {
        var planned = InspectionSchedule.Plan(Model, 2026, new CurrentGrade("A", SelfMonitored: true, KeySupervision: false), listed: true);
        Assert.Equal((4, 0.5, true), (planned.PerYear, planned.SamplingRatio, planned.KeySupervision));
    }

    [Fact]
    public void AnEntityWithoutAGradeIsPlannedAsTheMiddleBandNotReduced()
    {
        var planned = InspectionSchedule.Plan(Model, 2026, grade: null, listed: false);
        Assert.Equal(("B", false, false, 2, 0.10), (planned.Grade, planned.Graded, planned.Reduced, planned.PerYear, planned.SamplingRatio));
    }

    [Fact]
    public void APlansBasisStatesTheFiguresOfItsOwnModel()
    {
        var basis = InspectionSchedule.Basis(Model);
        Assert.Contains("第十条", basis, StringComparison.Ordinal); // S10
        Assert.Contains("A 级每年 1 次（抽查比例 5%）、B 级每年 2 次（抽查比例 10%）", basis, StringComparison.Ordinal);
        Assert.Contains($"{Model.Code} 第 {Model.Version} 版", basis, StringComparison.Ordinal);
        Assert.Contains("重点监管名单每年至少 4 次", basis, StringComparison.Ordinal);
        Assert.Contains("未评级的按中间档（B 级）计", basis, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKthInspectionOfTheYearFulfilsTheKthDueDate()
    {
        var due = InspectionSchedule.DueDates(2026, 3); // 04-30, 08-31, 12-31
        var slots = InspectionSchedule.Progress(due, [new DateOnly(2026, 9, 15), new DateOnly(2026, 3, 2)], today: new DateOnly(2026, 11, 23));
        Assert.Equal(
            [new PlanSlot(due[0], new DateOnly(2026, 3, 2), SlotState.Done), new PlanSlot(due[1], new DateOnly(2026, 9, 15), SlotState.DoneLate), new PlanSlot(due[2], null, SlotState.Pending)],
            slots);
        var later = InspectionSchedule.Progress(due, [], today: new DateOnly(2026, 9, 1));
        Assert.Equal([SlotState.Overdue, SlotState.Overdue, SlotState.Pending], later.Select(s => s.State));
    }
}
