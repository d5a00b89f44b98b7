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
public sealed record Deadline(DeadlineKind Kind, string Name, DateOnly? Due, string Basis, string? Problem = null);

/// <summary>
/// Statutory deadlines of a case from its dates, by the working-day calendar (art. 85; 民事诉讼法 art. 85:
/// the start day is not counted, a period ending on a rest day runs to the next working day). A date
/// outside the loaded calendar years never guesses: that deadline comes back without a date and with the
/// reason (<see cref="Deadline.Problem"/>); <see cref="Add"/> and <see cref="EarliestHearing"/> throw
/// <see cref="DateOutsideCalendarException"/>.
/// </summary>
public static class CaseDeadlines
{
    /// <summary>Deadlines that apply given which dates are known (e.g. Service only once decided).</summary>
    public static IReadOnlyList<Deadline> Compute(ProcedurePolicy policy, WorkingCalendar calendar, CaseDates dates) => throw new NotImplementedException();

    /// <summary>The earliest date a hearing noticed on <paramref name="noticedOn"/> may be held (art. 64(二)).</summary>
    public static DateOnly EarliestHearing(ProcedurePolicy policy, WorkingCalendar calendar, DateOnly noticedOn) => throw new NotImplementedException();

    /// <summary>Adds a policy period to a date.</summary>
    public static DateOnly Add(WorkingCalendar calendar, DateOnly start, Period period) => throw new NotImplementedException();
}
