using System.Text.Json;

namespace Tianmu.Calendar;

/// <summary>One year's holiday arrangement as shipped in Calendar/Data/YYYY.json and as administrators upload it.</summary>
/// <remarks>
/// <see cref="Provisional"/> marks a year shipped before the State Council's notice: its holidays are only the
/// statutory ones of 《全国年节及纪念日放假办法》 art. 2, without make-up days, so that periods running over the new
/// year can still be computed (and are shown as provisional) instead of stopping every case in late December.
/// </remarks>
public sealed record YearArrangement(int Year, string Source, IReadOnlyList<HolidayRange> Holidays, IReadOnlyList<MakeUpDay> Workdays, bool Provisional = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IEnumerable<CalendarDay> Days()
    {
        foreach (var h in Holidays)
        {
            for (var d = h.From; d <= h.To; d = d.AddDays(1))
            {
                yield return new CalendarDay(d, DayKind.Holiday, h.Name);
            }
        }

        foreach (var w in Workdays)
        {
            yield return new CalendarDay(w.Date, DayKind.Workday, w.Name);
        }
    }

    /// <summary>Problems that make the arrangement unusable, in Chinese; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Year is < 2000 or > 2100)
        {
            problems.Add("年度须在 2000–2100 之间。");
        }

        var seen = new HashSet<DateOnly>();
        foreach (var day in Days())
        {
            if (day.Date.Year != Year)
            {
                problems.Add($"{day.Date:yyyy-MM-dd} 不属于 {Year} 年。");
            }

            if (!seen.Add(day.Date))
            {
                problems.Add($"{day.Date:yyyy-MM-dd} 重复出现。");
            }
        }

        problems.AddRange(Holidays.Where(h => h.To < h.From).Select(h => $"{h.Name} 的结束日期早于开始日期。"));
        return problems;
    }

    public static YearArrangement Parse(string json) =>
        JsonSerializer.Deserialize<YearArrangement>(json, Json) ?? throw new JsonException("空文档");

    /// <summary>The years shipped with the platform (embedded resources).</summary>
    public static IEnumerable<YearArrangement> Shipped()
    {
        var assembly = typeof(YearArrangement).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Calendar.Data.", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return Parse(reader.ReadToEnd());
        }
    }
}

public sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

public sealed record MakeUpDay(string Name, DateOnly Date);
