using Tianmu.Calendar;
using Tianmu.Common;

namespace Tianmu.Server.Cases;

/// <summary>
/// A step whose check needs a date in a year whose working-day calendar is not loaded is refused with a
/// clear reason rather than guessed (LEGAL.md: a date outside the loaded years fails loudly).
/// </summary>
public static class OutsideCalendar
{
    public static Result<T> Guard<T>(Func<Result<T>> judge)
    {
        try
        {
            return judge();
        }
        catch (DateOutsideCalendarException e)
        {
            return Error.Unprocessable("date_outside_calendar", $"{e.Message} 请系统管理员先导入该年度的工作日历。");
        }
    }
}
