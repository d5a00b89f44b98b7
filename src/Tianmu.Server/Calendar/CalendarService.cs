using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Calendar;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Calendar;

public sealed record YearView(int Year, string Source, DateTimeOffset UpdatedAt, IReadOnlyList<DayView> Days, bool Provisional = false);

public sealed record DayView(DateOnly Date, string Kind, string Name);

public sealed record DayInput(DayKind? Kind, string? Name);

/// <summary>The working-day calendar as stored data: computing due dates and editing the arrangement.</summary>
public sealed class CalendarService(TianmuDb db, AuditScope audit, TimeProvider clock)
{
    public async Task<WorkingCalendar> LoadAsync(CancellationToken ct)
    {
        var years = await db.CalendarYears.AsNoTracking().Select(y => new { y.Year, y.Provisional }).ToListAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        return new WorkingCalendar(years.Select(y => y.Year), days.Select(d => (d.Date, d.Kind)), years.Where(y => y.Provisional).Select(y => y.Year));
    }

    public async Task<Result<DateOnly>> DueAsync(DateOnly from, int days, PeriodKind kind, CancellationToken ct)
    {
        if (days is < 0 or > 3660)
        {
            return Error.Validation("days", "天数须在 0 到 3660 之间。");
        }

        try
        {
            return (await LoadAsync(ct)).Due(from, days, kind);
        }
        catch (DateOutsideCalendarException e)
        {
            return Error.Unprocessable("date_outside_calendar", e.Message);
        }
    }

    public async Task<IReadOnlyList<YearView>> YearsAsync(CancellationToken ct)
    {
        var years = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().OrderBy(d => d.Date).ToListAsync(ct);
        return [.. years.Select(y => new YearView(y.Year, y.Source, y.UpdatedAt,
            [.. days.Where(d => d.Date.Year == y.Year).Select(d => new DayView(d.Date, d.Kind.ToString(), d.Name))], y.Provisional))];
    }

    /// <summary>Loads or replaces a whole year's arrangement (the State Council publishes one notice per year).</summary>
    public async Task<Result<YearView>> ReplaceYearAsync(CurrentUser caller, YearArrangement arrangement, CancellationToken ct)
    {
        if (MayEdit(caller) is { } refused)
        {
            return refused;
        }

        var problems = arrangement.Problems();
        if (problems.Count > 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["days"] = [.. problems] });
        }

        audit.Action = "calendar.year_loaded";
        await ReplaceAsync(db, arrangement, clock.GetUtcNow(), ct);
        return (await YearsAsync(ct)).First(y => y.Year == arrangement.Year);
    }

    /// <summary>Writes a year's arrangement over whatever was loaded for that year, in one transaction.</summary>
    public static async Task ReplaceAsync(TianmuDb db, YearArrangement arrangement, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = new DateOnly(arrangement.Year, 1, 1);
        var last = new DateOnly(arrangement.Year, 12, 31);
        db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.CalendarDays.AddRange(arrangement.Days());
        var year = await db.CalendarYears.FindAsync([arrangement.Year], ct);
        if (year is null)
        {
            db.CalendarYears.Add(new CalendarYear(arrangement.Year, arrangement.Source, arrangement.Provisional, now));
        }
        else
        {
            year.Touch(arrangement.Source, arrangement.Provisional, now);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<Result<DayView>> SetDayAsync(CurrentUser caller, DateOnly date, DayInput input, CancellationToken ct)
    {
        if (MayEdit(caller) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors().Required("name", input.Name, "名称", 50);
        if (input.Kind is null)
        {
            errors.Add("kind", "请选择类型：Holiday（放假）或 Workday（调休上班）。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await db.CalendarYears.FindAsync([date.Year], ct) is null)
        {
            return Error.Unprocessable("date_outside_calendar", $"{date.Year} 年的节假日安排尚未载入，请先载入该年度。");
        }

        var day = await db.CalendarDays.FindAsync([date], ct);
        if (day is null)
        {
            db.CalendarDays.Add(day = new CalendarDay(date, input.Kind!.Value, input.Name!.Trim()));
        }
        else
        {
            day.Change(input.Kind!.Value, input.Name!.Trim());
        }

        await db.SaveChangesAsync(ct);
        return new DayView(day.Date, day.Kind.ToString(), day.Name);
    }

    public async Task<Result<DateOnly>> ClearDayAsync(CurrentUser caller, DateOnly date, CancellationToken ct)
    {
        if (MayEdit(caller) is { } refused)
        {
            return refused;
        }

        var day = await db.CalendarDays.FindAsync([date], ct);
        if (day is null)
        {
            return Error.NotFound($"{date:yyyy-MM-dd} 的特殊安排");
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(ct);
        return date;
    }

    /// <summary>The calendar is national data: only platform or provincial administrators change it.</summary>
    private static Error? MayEdit(CurrentUser caller) =>
        caller.IsPlatformAdministrator || caller.AgencyPath?.Count(c => c == '/') == 2
            ? null
            : Error.Forbidden("calendar_requires_province_admin", "节假日安排是全国统一数据，只有平台或省级机构的系统管理员可以修改。");
}
