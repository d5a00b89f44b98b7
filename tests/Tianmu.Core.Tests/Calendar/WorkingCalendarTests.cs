using Tianmu.Calendar;

namespace Tianmu.Tests.Calendar;

/// <summary>
/// Periods per 行政处罚法 art. 85 (二日/三日/五日/七日 are working days) and 民事诉讼法 art. 85
/// (start day not counted; a period ending on a rest day runs to the next working day), on the
/// State Council's 2025 and 2026 arrangements as shipped (LEGAL.md "Working-day calendar"), and on 2027 shipped
/// provisionally with the statutory holidays of 《全国年节及纪念日放假办法》 art. 2 until its notice is published.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Shipped = WorkingCalendar.Of(YearArrangement.Shipped());

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ShipsTwoOfficialYearsAndAProvisionalOneWithoutProblems()
    {
        var years = YearArrangement.Shipped().ToList();
        Assert.Equal([2025, 2026, 2027], years.Select(y => y.Year));
        Assert.All(years, y => Assert.Empty(y.Problems()));
        Assert.Equal([2027], years.Where(y => y.Provisional).Select(y => y.Year));
        Assert.Equal([2027], Shipped.ProvisionalYears);
    }

    [Fact]
    public void TheProvisionalYearHasExactlyTheStatutoryHolidaysAndNoMakeUpDays()
    {
        // 全国年节及纪念日放假办法 (2024) art. 2: 元旦 1, 春节 4 (除夕–初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 = 13 days.
        var provisional = YearArrangement.Shipped().Single(y => y.Year == 2027);
        Assert.Equal(13, provisional.Days().Count(d => d.Kind == DayKind.Holiday));
        Assert.Empty(provisional.Workdays);
        Assert.False(Shipped.IsWorkingDay(D("2027-02-05")));  // Friday, 除夕 (春节 2027-02-06)
        Assert.False(Shipped.IsWorkingDay(D("2027-02-08")));  // Monday, 正月初三
        Assert.True(Shipped.IsWorkingDay(D("2027-02-09")));
        Assert.False(Shipped.IsWorkingDay(D("2027-09-15")));  // Wednesday, 中秋节
    }

    [Fact]
    public void PeriodsIntoTheProvisionalYearAreComputedAndKnownToBeProvisional()
    {
        // 2026-12-28 (Mon) + 5 working days: 12/29, 12/30, 12/31, (2027-01-01 元旦), 1/4, 1/5.
        Assert.Equal(D("2027-01-05"), Shipped.AddWorkingDays(D("2026-12-28"), 5));
        Assert.True(Shipped.IsProvisional(D("2026-12-28"), D("2027-01-05")));
        Assert.False(Shipped.IsProvisional(D("2026-12-28"), D("2026-12-31")));
    }

    [Fact]
    public void SevenWorkingDaysAcrossMidAutumnUseTheMakeUpSunday()
    {
        // 2026-09-18 (Fri) + 7 working days: 9/20 is a make-up Sunday (counts), 9/25–9/27 are off.
        Assert.Equal(D("2026-09-29"), Shipped.AddWorkingDays(D("2026-09-18"), 7));
    }

    [Fact]
    public void WorkingDaysSkipTheNationalDayHoliday()
    {
        // Art. 85: 7 working days from 2026-09-29: 9/30, (10/1–10/7 off), 10/8, 10/9, 10/10 (make-up Sat), 10/12, 10/13, 10/14.
        Assert.Equal(D("2026-10-14"), Shipped.AddWorkingDays(D("2026-09-29"), 7));
    }

    [Fact]
    public void FiveWorkingDaysAcrossNationalDay2025()
    {
        // 2025-09-30 + 5: 10/1–10/8 off, 10/9, 10/10, 10/11 (make-up Sat), 10/13, 10/14.
        Assert.Equal(D("2025-10-14"), Shipped.AddWorkingDays(D("2025-09-30"), 5));
    }

    [Fact]
    public void MakeUpSaturdayIsAWorkingDayAndHolidayWeekdayIsNot()
    {
        Assert.True(Shipped.IsWorkingDay(D("2026-10-10")));   // Saturday, 国庆节调休上班
        Assert.False(Shipped.IsWorkingDay(D("2026-10-05")));  // Monday, 国庆节
        Assert.True(Shipped.IsWorkingDay(D("2026-02-28")));   // Saturday, 春节调休上班
        Assert.False(Shipped.IsWorkingDay(D("2026-11-22")));  // ordinary Sunday
    }

    [Fact]
    public void FifteenCalendarDaysEndingInAHolidayRollToTheNextWorkingDay()
    {
        // 行政处罚法 art. 67: pay within 15 days. 2026-09-16 + 15 = 10/1 (holiday) → 10/8.
        Assert.Equal(D("2026-10-08"), Shipped.AddCalendarDays(D("2026-09-16"), 15));
    }

    [Fact]
    public void CalendarDaysEndingOnAMakeUpSundayDoNotRoll()
    {
        // 2026-09-05 + 15 = 2026-09-20, a Sunday that is a working day (调休上班).
        Assert.Equal(D("2026-09-20"), Shipped.AddCalendarDays(D("2026-09-05"), 15));
    }

    [Fact]
    public void CalendarDaysEndingOnAnOrdinaryWorkdayStay()
    {
        Assert.Equal(D("2026-11-24"), Shipped.AddCalendarDays(D("2026-11-09"), 15));
    }

    [Fact]
    public void StartDayIsNotCounted()
    {
        // 民事诉讼法 art. 85: one working day after Monday 2026-11-16 is Tuesday.
        Assert.Equal(D("2026-11-17"), Shipped.AddWorkingDays(D("2026-11-16"), 1));
        Assert.Equal(D("2026-11-16"), Shipped.AddWorkingDays(D("2026-11-16"), 0));
    }

    [Fact]
    public void NinetyDaysCrossingSpringFestival()
    {
        // Art. 60: 90 days. 2025-11-19 + 90 = 2026-02-17 (春节) → 2026-02-24.
        Assert.Equal(D("2026-02-24"), Shipped.AddCalendarDays(D("2025-11-19"), 90));
    }

    [Fact]
    public void DatesOutsideTheLoadedYearsFailLoudly()
    {
        Assert.Throws<DateOutsideCalendarException>(() => Shipped.AddWorkingDays(D("2028-03-01"), 1));
        Assert.Throws<DateOutsideCalendarException>(() => Shipped.AddWorkingDays(D("2024-12-30"), 1));
        // Starting inside, but the period runs past the last loaded year: refused, not guessed.
        Assert.Throws<DateOutsideCalendarException>(() => Shipped.AddWorkingDays(D("2027-12-28"), 10));
        Assert.Throws<DateOutsideCalendarException>(() => Shipped.AddCalendarDays(D("2027-12-20"), 15));
    }

    [Fact]
    public void ArrangementProblemsAreReported()
    {
        var bad = new YearArrangement(2027, "test", [new HolidayRange("x", D("2027-01-05"), D("2027-01-03"))], [new MakeUpDay("y", D("2026-01-01"))]);
        var problems = bad.Problems();
        Assert.Contains(problems, p => p.Contains("结束日期早于开始日期"));
        Assert.Contains(problems, p => p.Contains("不属于 2027 年"));
    }
}
