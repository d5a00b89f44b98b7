using Tianmu.Calendar;
using Tianmu.Common;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Calendar;

public static class CalendarEndpoints
{
    public sealed record DueResponse(string due);

    public static void MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/calendar").WithTags("工作日历").RequireAuthorization(Authz.AnyUser);
        read.MapGet("/due", Due).WithSummary("期限到期日：kind=working 为工作日，kind=calendar 为自然日（末日遇休息日顺延）");
        read.MapGet("/years", async (CalendarService calendar, CancellationToken ct) => TypedResults.Ok(await calendar.YearsAsync(ct)))
            .WithSummary("已载入年度的节假日与调休安排");

        var write = api.MapGroup("/calendar").WithTags("工作日历").RequireAuthorization(Authz.Administrators);
        write.MapPut("/years/{year:int}", async (int year, YearArrangement body, HttpContext http, CalendarService calendar, CancellationToken ct) =>
                body.Year != year
                    ? Error.Validation("year", "请求体中的年度与地址中的年度不一致。").ToProblem()
                    : (await calendar.ReplaceYearAsync(http.Caller(), body, ct)).ToHttp())
            .WithSummary("载入或替换一个年度的节假日安排");
        write.MapPut("/days/{date}", async (DateOnly date, DayInput input, HttpContext http, CalendarService calendar, CancellationToken ct) =>
            (await calendar.SetDayAsync(http.Caller(), date, input, ct)).ToHttp()).WithSummary("设置某日为放假或调休上班");
        write.MapDelete("/days/{date}", async (DateOnly date, HttpContext http, CalendarService calendar, CancellationToken ct) =>
            (await calendar.ClearDayAsync(http.Caller(), date, ct)).ToHttp()).WithSummary("取消某日的特殊安排");
    }

    private static async Task<IResult> Due(string? from, int? days, string? kind, CalendarService calendar, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", out var start))
        {
            errors.Add("from", "起算日须为 yyyy-MM-dd 格式的日期。");
        }

        if (days is null)
        {
            errors.Add("days", "请填写天数。");
        }

        PeriodKind? period = kind?.ToLowerInvariant() switch
        {
            "working" => PeriodKind.Working,
            "calendar" => PeriodKind.Calendar,
            _ => null,
        };
        if (period is null)
        {
            errors.Add("kind", "kind 只能是 working（工作日）或 calendar（自然日）。");
        }

        if (errors.Any)
        {
            return errors.ToError().ToProblem();
        }

        var due = await calendar.DueAsync(start, days!.Value, period!.Value, ct);
        return due.IsSuccess ? TypedResults.Ok(new DueResponse(due.Value.ToString("yyyy-MM-dd"))) : due.Error!.ToProblem();
    }
}
