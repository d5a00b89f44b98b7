namespace Tianmu.Calendar;

/// <summary>A date that departs from the Monday–Friday rule: an official holiday or a make-up working day (调休上班).</summary>
public sealed class CalendarDay : IAudited
{
    private CalendarDay() { }

    public CalendarDay(DateOnly date, DayKind kind, string name)
    {
        Date = date;
        Kind = kind;
        Name = name;
    }

    public DateOnly Date { get; private set; }

    public DayKind Kind { get; private set; }

    /// <summary>e.g. 国庆节, 国庆节调休上班.</summary>
    public string Name { get; private set; } = "";

    public void Change(DayKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }
}

public enum DayKind
{
    /// <summary>法定节假日 (rest day, even on a weekday).</summary>
    Holiday,

    /// <summary>调休上班 (working day, even on a weekend).</summary>
    Workday,
}

/// <summary>A year whose holiday arrangement is loaded; dates of other years cannot be computed.</summary>
public sealed class CalendarYear : IAudited
{
    private CalendarYear() { }

    public CalendarYear(int year, string source, bool provisional, DateTimeOffset updatedAt)
    {
        Year = year;
        Source = source;
        Provisional = provisional;
        UpdatedAt = updatedAt;
    }

    public int Year { get; private set; }

    /// <summary>The State Council notice the data comes from.</summary>
    public string Source { get; private set; } = "";

    /// <summary>
    /// Only the statutory holidays are known (全国年节及纪念日放假办法): the State Council has not yet published the
    /// year's make-up arrangement, so deadlines running into it are provisional until it is loaded.
    /// </summary>
    public bool Provisional { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Touch(string source, bool provisional, DateTimeOffset at)
    {
        Source = source;
        Provisional = provisional;
        UpdatedAt = at;
    }
}
