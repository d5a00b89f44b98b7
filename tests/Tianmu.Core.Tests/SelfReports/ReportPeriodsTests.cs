using Tianmu.SelfReports;

namespace Tianmu.Tests.SelfReports;

/// <summary>Reporting periods and deadlines of self-reports (S13/Z15), in China time.</summary>
public sealed class ReportPeriodsTests
{
    private static readonly TimeOnly Nine = new(9, 0);

    [Fact]
    public void ADailyReportIsDueOnItsOwnDayBeforeOpening()
    {
        var day = new DateOnly(2026, 11, 20);
        Assert.Equal(day, ReportPeriods.StartOf(ReportFrequency.Daily, day));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T01:00:00Z"), ReportPeriods.DueAt(ReportFrequency.Daily, day, Nine)); // 09:00 CST
    }

    [Fact]
    public void WeeksRunMondayToSundayAndMonthsToTheirLastDay()
    {
        Assert.Equal(new DateOnly(2026, 11, 16), ReportPeriods.StartOf(ReportFrequency.Weekly, new DateOnly(2026, 11, 22))); // Sunday → its Monday
        Assert.Equal(new DateOnly(2026, 11, 16), ReportPeriods.StartOf(ReportFrequency.Weekly, new DateOnly(2026, 11, 16)));
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T01:00:00Z"), ReportPeriods.DueAt(ReportFrequency.Weekly, new DateOnly(2026, 11, 16), Nine));
        Assert.Equal(new DateOnly(2026, 2, 1), ReportPeriods.StartOf(ReportFrequency.Monthly, new DateOnly(2026, 2, 17)));
        Assert.Equal(DateTimeOffset.Parse("2026-02-28T01:00:00Z"), ReportPeriods.DueAt(ReportFrequency.Monthly, new DateOnly(2026, 2, 1), Nine));
    }

    [Fact]
    public void OnlyPeriodsWhoseDeadlinePassedHaveElapsed()
    {
        var now = DateTimeOffset.Parse("2026-11-22T00:30:00Z"); // 08:30 CST on the 22nd: today's report is not yet due
        var elapsed = ReportPeriods.Elapsed(ReportFrequency.Daily, Nine, new DateOnly(2026, 11, 19), now).ToList();
        Assert.Equal([new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)], elapsed);

        // A weekly form that took effect mid-week is not overdue for the week it started in part-way.
        Assert.Empty(ReportPeriods.Elapsed(ReportFrequency.Weekly, Nine, new DateOnly(2026, 11, 18), now));
    }
}
