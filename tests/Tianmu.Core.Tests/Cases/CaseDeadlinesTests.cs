using Tianmu.Calendar;
using Tianmu.Cases.Procedure;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>
/// Statutory deadlines on the shipped 2025/2026 calendars (行政处罚法 art. 85: 二日…七日 are working days;
/// 民事诉讼法 art. 85: the start day is not counted and a period ending on a rest day runs to the next working day).
/// </summary>
public sealed class CaseDeadlinesTests
{
    private static Deadline Of(IReadOnlyList<Deadline> list, DeadlineKind kind) => Assert.Single(list, d => d.Kind == kind);

    [Fact]
    public void StatementAndHearingRequestAcrossNationalDay2026_Art44_64_85()
    {
        // Notice served Tue 2026-09-29. Statement, 3 wd: 9/30, 10/8, 10/9 → 10/09.
        // Hearing request, 5 wd: 9/30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12 → 10/12.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, new CaseDates { AcceptedOn = D("2026-08-03"), FiledOn = D("2026-08-04"), NoticeServedOn = D("2026-09-29") });
        Assert.Equal(D("2026-10-09"), Of(list, DeadlineKind.Statement).Due);
        Assert.Equal(D("2026-10-12"), Of(list, DeadlineKind.HearingRequest).Due);
        Assert.Contains("第六十四条", Of(list, DeadlineKind.HearingRequest).Basis);
    }

    [Fact]
    public void ServiceWithinSevenWorkingDays_Art61()
    {
        // Decided 2026-09-29: 9/30, 10/8, 10/9, 10/10, 10/12, 10/13, 10/14 → 10/14.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, Decided(D("2026-09-29")));
        Assert.Equal(D("2026-10-14"), Assert.Single(list).Due);
        Assert.Equal(DeadlineKind.Service, list[0].Kind);
        Assert.Contains("第六十一条", list[0].Basis);
    }

    [Fact]
    public void PreservationWithinSevenWorkingDays_Art56()
    {
        // Preserved Wed 2026-09-30: 10/8, 10/9, 10/10, 10/12, 10/13, 10/14, 10/15 → 10/15.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, new CaseDates { AcceptedOn = D("2026-09-01"), FiledOn = D("2026-09-02"), PreservedOn = D("2026-09-30") });
        Assert.Equal(D("2026-10-15"), Of(list, DeadlineKind.Preservation).Due);
    }

    [Fact]
    public void PaymentPeriodEndingOnAHolidayRollsForward_Art67()
    {
        // Served 2026-09-16 + 15 calendar days = 10/01 (National Day) → next working day 10/08.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, Decided(D("2026-09-14")) with { DecisionServedOn = D("2026-09-16") });
        Assert.Equal(D("2026-10-08"), Assert.Single(list).Due);
        Assert.Equal(DeadlineKind.Payment, list[0].Kind);
    }

    [Fact]
    public void ApprovedDeferralReplacesThePaymentDay_Art66()
    {
        var list = CaseDeadlines.Compute(Rules2025, Shipped, Decided(D("2026-09-14")) with { DecisionServedOn = D("2026-09-16"), PaymentDeferredTo = D("2026-11-30") });
        Assert.Equal(D("2026-11-30"), Of(list, DeadlineKind.Payment).Due);
    }

    [Fact]
    public void FilingUnderThe2025RulesInWorkingDays()
    {
        // Accepted 2026-09-29 + 15 wd (verify): 9/30, 10/8, 10/9, 10/10, 10/12–10/16 (5), 10/19–10/23 (5), 10/26 → 10/26.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, new CaseDates { AcceptedOn = D("2026-09-29") });
        var filing = Assert.Single(list);
        Assert.Equal(D("2026-10-26"), filing.Due);
        Assert.Contains("verify", filing.Basis);
    }

    [Fact]
    public void FilingUnderThe1997RulesInSevenCalendarDays()
    {
        // Accepted Tue 2025-05-20 + 7 days = Tue 2025-05-27, a working day.
        var list = CaseDeadlines.Compute(ProcedurePolicies.For(D("2025-05-20")), Shipped, new CaseDates { AcceptedOn = D("2025-05-20") });
        Assert.Equal(D("2025-05-27"), Assert.Single(list).Due);
    }

    [Fact]
    public void PolicySwitchByFilingDate_Art60()
    {
        // Filed 2025-05-31 → 1997 rules, 3 months → 2025-08-31 (Sunday) → Monday 2025-09-01.
        var before = ProcedurePolicies.For(D("2025-05-31"));
        Assert.Equal("health-1997", before.Version);
        Assert.Equal(new Period(3, PeriodUnit.Months, before.Decision.Basis), before.Decision);
        Assert.Equal(D("2025-09-01"), Decision(before, "2025-05-31"));

        // Filed 2025-06-01 → 2025 rules, 90 days → 2025-08-30 (Saturday) → Monday 2025-09-01.
        var after = ProcedurePolicies.For(D("2025-06-01"));
        Assert.Equal("health-2025", after.Version);
        Assert.Equal((90, PeriodUnit.CalendarDays), (after.Decision.Count, after.Decision.Unit));
        Assert.Equal(D("2025-09-01"), Decision(after, "2025-06-01"));

        // The same filing day shows the difference: 2025-07-10 + 3 months = Fri 2025-10-10 (working day);
        // + 90 days = 2025-10-08 (National Day holiday) → Thu 2025-10-09.
        Assert.Equal(D("2025-10-10"), Decision(before, "2025-07-10"));
        Assert.Equal(D("2025-10-09"), Decision(after, "2025-07-10"));
    }

    [Fact]
    public void ExtensionsAndSuspensionLengthenTheDecisionPeriod_Art60()
    {
        // Filed 2026-03-02 + 90 + 30 extension + 10 suspended = 130 days → Fri 2026-07-10.
        var dates = new CaseDates { AcceptedOn = D("2026-03-02"), FiledOn = D("2026-03-02"), ExtensionDays = 30, SuspendedDays = 10 };
        var decision = Of(CaseDeadlines.Compute(Rules2025, Shipped, dates), DeadlineKind.Decision);
        Assert.Equal(D("2026-07-10"), decision.Due);
        Assert.Contains("延长 30 日", decision.Basis);
    }

    [Fact]
    public void DeadlinePastTheLoadedCalendarHasNoDateButAReason()
    {
        // Filed 2027-11-01 + 90 days runs into 2028 (not loaded); notice served 2027-12-28: 3 wd fit (12/31), 5 wd do not.
        var list = CaseDeadlines.Compute(Rules2025, Shipped, new CaseDates { AcceptedOn = D("2027-10-29"), FiledOn = D("2027-11-01"), NoticeServedOn = D("2027-12-28") });
        var decision = Of(list, DeadlineKind.Decision);
        Assert.Null(decision.Due);
        Assert.Equal("2028年工作日历尚未载入，无法计算该期限，请系统管理员导入。", decision.Problem);
        Assert.Equal(D("2027-12-31"), Of(list, DeadlineKind.Statement).Due);
        Assert.Null(Of(list, DeadlineKind.HearingRequest).Due);
        Assert.Throws<DateOutsideCalendarException>(() => CaseDeadlines.Add(Shipped, D("2027-12-28"), Rules2025.HearingRequest));
    }

    [Fact]
    public void DeadlinesIntoTheProvisionalYearHaveADateMarkedProvisional()
    {
        // Filed 2026-11-01 + 90 days = 2027-01-30 (Sat) → 2027-02-01; notice served 2026-12-28: statement 3 wd stays in 2026,
        // hearing request 5 wd = 2027-01-05 (元旦 is statutory; the make-up days of 2027 are not yet published).
        var list = CaseDeadlines.Compute(Rules2025, Shipped, new CaseDates { AcceptedOn = D("2026-10-30"), FiledOn = D("2026-11-01"), NoticeServedOn = D("2026-12-28") });
        var statement = Of(list, DeadlineKind.Statement);
        Assert.Equal(D("2026-12-31"), statement.Due);
        Assert.False(statement.Provisional);
        Assert.Null(statement.Problem);
        var hearing = Of(list, DeadlineKind.HearingRequest);
        Assert.Equal(D("2027-01-05"), hearing.Due);
        Assert.True(hearing.Provisional);
        Assert.Equal(CaseDeadlines.ProvisionalYear(2027), hearing.Problem);
        var decision = Of(list, DeadlineKind.Decision);
        Assert.Equal(D("2027-02-01"), decision.Due);
        Assert.True(decision.Provisional);
    }

    [Fact]
    public void MetDeadlinesDropOut()
    {
        Assert.Equal([DeadlineKind.Filing], Kinds(new CaseDates { AcceptedOn = D("2026-03-02") }));
        Assert.Equal([DeadlineKind.Decision, DeadlineKind.Statement, DeadlineKind.HearingRequest],
            Kinds(new CaseDates { AcceptedOn = D("2026-03-02"), FiledOn = D("2026-03-03"), NoticeServedOn = D("2026-04-01") }));
        Assert.Equal([DeadlineKind.Decision, DeadlineKind.Statement],
            Kinds(new CaseDates { AcceptedOn = D("2026-03-02"), FiledOn = D("2026-03-03"), NoticeServedOn = D("2026-04-01"), HearingNoticedOn = D("2026-04-03") }));
        Assert.Equal([DeadlineKind.Service], Kinds(Decided(D("2026-05-06"))));
    }

    private static CaseDates Decided(DateOnly on) => new() { AcceptedOn = on.AddDays(-60), FiledOn = on.AddDays(-59), NoticeServedOn = on.AddDays(-20), DecidedOn = on };

    private static DeadlineKind[] Kinds(CaseDates dates) => [.. CaseDeadlines.Compute(Rules2025, Shipped, dates).Select(d => d.Kind)];

    private static DateOnly? Decision(ProcedurePolicy policy, string filedOn) =>
        Of(CaseDeadlines.Compute(policy, Shipped, new CaseDates { AcceptedOn = D(filedOn), FiledOn = D(filedOn) }), DeadlineKind.Decision).Due;
}
