using Tianmu.Calendar;

namespace Tianmu.Cases.Procedure;

/// <summary>The dates a case's running deadlines are computed from.</summary>
public sealed record CaseDates
{
    public required DateOnly AcceptedOn { get; init; }

    public DateOnly? FiledOn { get; init; }

    public DateOnly? PreservedOn { get; init; }

    public DateOnly? NoticeServedOn { get; init; }

    public DateOnly? HearingNoticedOn { get; init; }

    public DateOnly? DecidedOn { get; init; }

    public DateOnly? DecisionServedOn { get; init; }

    /// <summary>Approved deferral of payment (art. 66): the new last day to pay.</summary>
    public DateOnly? PaymentDeferredTo { get; init; }

    /// <summary>Calendar days added to the decision deadline by approved extensions.</summary>
    public int ExtensionDays { get; init; }

    /// <summary>Calendar days the case spent suspended (中止); they do not count against the decision deadline.</summary>
    public int SuspendedDays { get; init; }
}

public enum DeadlineKind
{
    Filing,
    Preservation,
    Decision,
    Statement,
    HearingRequest,
    Service,
    Payment,
}

/// <summary>
/// One running deadline: what, the last day to act, and its article. <see cref="Due"/> is null, with
/// <see cref="Problem"/> saying why in Chinese, when the period runs into a year whose working-day calendar
/// is not loaded (the State Council publishes each year's arrangement late in the year before).
/// </summary>
public sealed record Deadline(DeadlineKind Kind, string Name, DateOnly? Due, string Basis, string? Problem = null)
{
    /// <summary>
    /// The period counts days of a year loaded only provisionally (statutory holidays, no make-up days yet):
    /// <see cref="Problem"/> then says so, and the date is recomputed once the State Council's arrangement is loaded.
    /// </summary>
    public bool Provisional { get; init; }
}

/// <summary>
/// Statutory deadlines of a case from its dates, by the working-day calendar (art. 85; 民事诉讼法 art. 85:
/// the start day is not counted, a period ending on a rest day runs to the next working day). A date
/// outside the loaded calendar years never guesses: that deadline comes back without a date and with the
/// reason (<see cref="Deadline.Problem"/>); <see cref="Add"/> and <see cref="EarliestHearing"/> throw
/// <see cref="DateOutsideCalendarException"/>.
/// </summary>
public static class CaseDeadlines
{
    /// <summary>
    /// The deadlines still running given which dates are known: 立案 until filed; 先行登记保存处理 and the
    /// 决定, 陈述申辩 and 听证申请 periods until decided (听证申请 also until a hearing is noticed); 送达
    /// until served; 缴款 once served (or deferred). A met deadline drops out, so a page never shows a done
    /// step as overdue. Never throws for a missing calendar year: that deadline carries a Problem instead.
    /// </summary>
    public static IReadOnlyList<Deadline> Compute(ProcedurePolicy policy, WorkingCalendar calendar, CaseDates dates)
    {
        var list = new List<Deadline>();
        if (dates.FiledOn is null)
        {
            list.Add(Make(calendar, DeadlineKind.Filing, "立案期限", dates.AcceptedOn, policy.Filing));
        }

        if (dates.DecidedOn is null)
        {
            if (dates.PreservedOn is { } preserved)
            {
                list.Add(Make(calendar, DeadlineKind.Preservation, "先行登记保存处理期限", preserved, policy.Preservation));
            }

            if (dates.FiledOn is { } filed)
            {
                var extra = dates.ExtensionDays + dates.SuspendedDays;
                var basis = extra == 0
                    ? policy.Decision.Basis
                    : $"{policy.Decision.Basis}；另计批准延长 {dates.ExtensionDays} 日、中止 {dates.SuspendedDays} 日";
                list.Add(Make(calendar, DeadlineKind.Decision, "作出处罚决定期限", basis, filed, () => AddLengthened(calendar, filed, policy.Decision, extra)));
            }

            if (dates.NoticeServedOn is { } notified)
            {
                list.Add(Make(calendar, DeadlineKind.Statement, "陈述申辩期限", notified, policy.Statement));
                if (dates.HearingNoticedOn is null)
                {
                    list.Add(Make(calendar, DeadlineKind.HearingRequest, "听证申请期限", notified, policy.HearingRequest));
                }
            }
        }
        else if (dates.DecisionServedOn is null)
        {
            list.Add(Make(calendar, DeadlineKind.Service, "送达期限", dates.DecidedOn.Value, policy.Service));
        }

        if (dates.PaymentDeferredTo is { } deferred)
        {
            list.Add(new Deadline(DeadlineKind.Payment, "缴纳罚款期限（批准延期）", deferred, "《行政处罚法》第六十六条：经批准暂缓或者分期缴纳"));
        }
        else if (dates.DecisionServedOn is { } served)
        {
            list.Add(Make(calendar, DeadlineKind.Payment, "缴纳罚款期限", served, policy.Payment));
        }

        return list;
    }

    /// <summary>The earliest date a hearing noticed on <paramref name="noticedOn"/> may be held (art. 64(二)).</summary>
    public static DateOnly EarliestHearing(ProcedurePolicy policy, WorkingCalendar calendar, DateOnly noticedOn) =>
        Add(calendar, noticedOn, policy.HearingNoticeLead);

    /// <summary>Adds a policy period to a date.</summary>
    /// <remarks>
    /// Working days per 行政处罚法 art. 85; calendar days and months per 民事诉讼法 art. 85 (start day not
    /// counted, an end on a rest day runs to the next working day). Months end on the same day of the month
    /// (the last day when that month is shorter).
    /// </remarks>
    public static DateOnly Add(WorkingCalendar calendar, DateOnly start, Period period) => AddLengthened(calendar, start, period, 0);

    /// <summary>A period lengthened by <paramref name="extraCalendarDays"/> (approved extensions and suspensions).</summary>
    public static DateOnly AddLengthened(WorkingCalendar calendar, DateOnly start, Period period, int extraCalendarDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extraCalendarDays);
        return period.Unit switch
        {
            PeriodUnit.WorkingDays when extraCalendarDays == 0 => calendar.AddWorkingDays(start, period.Count),
            PeriodUnit.WorkingDays => calendar.AddCalendarDays(calendar.AddWorkingDays(start, period.Count), extraCalendarDays),
            PeriodUnit.CalendarDays => calendar.AddCalendarDays(start, period.Count + extraCalendarDays),
            PeriodUnit.Months => AddMonths(calendar, start, period.Count, extraCalendarDays),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period.Unit, null),
        };
    }

    private static DateOnly AddMonths(WorkingCalendar calendar, DateOnly start, int months, int extraDays)
    {
        if (!calendar.Years.Contains(start.Year))
        {
            throw new DateOutsideCalendarException(start);
        }

        var date = start.AddMonths(months).AddDays(extraDays);
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static Deadline Make(WorkingCalendar calendar, DeadlineKind kind, string name, DateOnly start, Period period) =>
        Make(calendar, kind, name, period.Basis, start, () => Add(calendar, start, period));

    private static Deadline Make(WorkingCalendar calendar, DeadlineKind kind, string name, string basis, DateOnly start, Func<DateOnly> due)
    {
        try
        {
            var date = due();
            return calendar.IsProvisional(start, date)
                ? new Deadline(kind, name, date, basis, ProvisionalYear(date.Year)) { Provisional = true }
                : new Deadline(kind, name, date, basis);
        }
        catch (DateOutsideCalendarException e)
        {
            return new Deadline(kind, name, null, basis, MissingYear(e.Date.Year));
        }
    }

    /// <summary>The Chinese explanation shown instead of a date when a calendar year is not loaded.</summary>
    public static string MissingYear(int year) => $"{year}年工作日历尚未载入，无法计算该期限，请系统管理员导入。";

    /// <summary>The Chinese note beside a date computed over a provisional year.</summary>
    public static string ProvisionalYear(int year) =>
        $"暂算：国务院{year}年放假调休安排尚未载入，暂按法定节假日计算；载入后自动重算。";
}
