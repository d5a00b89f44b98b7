using Tianmu.Common;

namespace Tianmu.SelfReports;

/// <summary>How often a self-report is due.</summary>
public enum ReportFrequency
{
    /// <summary>每日 — e.g. the pool water self-test before opening.</summary>
    Daily,

    /// <summary>每周</summary>
    Weekly,

    /// <summary>每月</summary>
    Monthly,
}

/// <summary>
/// Reporting periods and their deadlines, in China time. A daily report is due on its own day at the
/// form's due time (before opening); a weekly or monthly one on the last day of its week (Monday to
/// Sunday) or month at that time.
/// </summary>
public static class ReportPeriods
{
    public static DateOnly StartOf(ReportFrequency frequency, DateOnly day) => frequency switch
    {
        ReportFrequency.Daily => day,
        ReportFrequency.Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    public static DateOnly Next(ReportFrequency frequency, DateOnly start) => frequency switch
    {
        ReportFrequency.Daily => start.AddDays(1),
        ReportFrequency.Weekly => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    public static DateTimeOffset DueAt(ReportFrequency frequency, DateOnly start, TimeOnly dueTime)
    {
        var dueDay = frequency == ReportFrequency.Daily ? start : Next(frequency, start).AddDays(-1);
        return new DateTimeOffset(dueDay.ToDateTime(dueTime), ChinaTime.Offset).ToUniversalTime();
    }

    /// <summary>The periods that began on or after <paramref name="from"/> and whose deadline has passed at <paramref name="now"/>.</summary>
    public static IEnumerable<DateOnly> Elapsed(ReportFrequency frequency, TimeOnly dueTime, DateOnly from, DateTimeOffset now)
    {
        for (var start = StartOf(frequency, from); DueAt(frequency, start, dueTime) <= now; start = Next(frequency, start))
        {
            if (start >= from)
            {
                yield return start;
            }
        }
    }

    public static string ToChinese(this ReportFrequency frequency) => frequency switch
    {
        ReportFrequency.Daily => "每日",
        ReportFrequency.Weekly => "每周",
        _ => "每月",
    };
}
