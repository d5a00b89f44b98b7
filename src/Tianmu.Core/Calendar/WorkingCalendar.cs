namespace Tianmu.Calendar;

/// <summary>
/// Working-day arithmetic for statutory periods. A working day is Monday–Friday, minus the State
/// Council's holidays, plus its make-up working days. Periods follow 民事诉讼法 art. 85 and
/// 行政处罚法 art. 85: the starting day is not counted, and a period ending on a rest day runs to
/// the next working day. Any date outside the loaded years is refused, never guessed.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<int> years;
    private readonly HashSet<int> provisional;
    private readonly Dictionary<DateOnly, DayKind> exceptions;

    public WorkingCalendar(IEnumerable<int> loadedYears, IEnumerable<(DateOnly Date, DayKind Kind)> days, IEnumerable<int>? provisionalYears = null)
    {
        years = [.. loadedYears];
        provisional = [.. provisionalYears ?? []];
        exceptions = days.ToDictionary(d => d.Date, d => d.Kind);
    }

    /// <summary>A calendar of whole arrangements, e.g. the shipped ones (<see cref="YearArrangement.Shipped"/>).</summary>
    public static WorkingCalendar Of(IEnumerable<YearArrangement> arrangements)
    {
        var list = arrangements.ToList();
        return new WorkingCalendar(list.Select(y => y.Year), list.SelectMany(y => y.Days()).Select(d => (d.Date, d.Kind)), list.Where(y => y.Provisional).Select(y => y.Year));
    }

    public IReadOnlySet<int> Years => years;

    /// <summary>Loaded years known only by their statutory holidays (see <see cref="YearArrangement.Provisional"/>).</summary>
    public IReadOnlySet<int> ProvisionalYears => provisional;

    /// <summary>Whether a period from <paramref name="start"/> to <paramref name="due"/> counts days of a provisional year.</summary>
    public bool IsProvisional(DateOnly start, DateOnly due) => provisional.Any(y => y >= start.Year && y <= due.Year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year))
        {
            throw new DateOutsideCalendarException(date);
        }

        if (exceptions.TryGetValue(date, out var kind))
        {
            return kind == DayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>"N 个工作日" after <paramref name="start"/> (行政处罚法 art. 85: 二日/三日/五日/七日 are working days).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        EnsureLoaded(start);
        var date = start;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>"N 日" in calendar days after <paramref name="start"/>, rolled forward when it ends on a rest day (民事诉讼法 art. 85).</summary>
    public DateOnly AddCalendarDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        EnsureLoaded(start);
        var date = start.AddDays(days);
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public DateOnly Due(DateOnly start, int days, PeriodKind kind) =>
        kind == PeriodKind.Working ? AddWorkingDays(start, days) : AddCalendarDays(start, days);

    private void EnsureLoaded(DateOnly date)
    {
        if (!years.Contains(date.Year))
        {
            throw new DateOutsideCalendarException(date);
        }
    }
}

public enum PeriodKind
{
    Working,
    Calendar,
}

public sealed class DateOutsideCalendarException(DateOnly date)
    : Exception($"{date:yyyy-MM-dd} 所在年度的节假日安排尚未载入，无法计算期限。")
{
    public DateOnly Date { get; } = date;
}
