using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>
/// The statement and hearing windows across the 2026 National Day holiday (10/1–10/7 off, Saturday 10/10 a
/// make-up working day). Notice served Tuesday 2026-09-29:
/// statement (3 working days, art. 44/45, 85): 9/30, 10/8, 10/9 → last day 2026-10-09;
/// hearing request (5 working days, art. 64(一), 85): 9/30, 10/8, 10/9, 10/10 (Sat, make-up), 10/12 → last day 2026-10-12.
/// </summary>
public sealed class HearingAndWindowsTests
{
    /// <summary>100,000 元 to an organisation: the 2025 rules' 较大数额 (verify), so a hearing right (art. 63).</summary>
    private static CaseFacts NotifiedWithHearingRight() => Ready(CaseStage.Notified) with
    {
        NoticeServedOn = D("2026-09-29"),
        ProposedPenalty = new Penalty(true, 100_000m),
        RequestedPenalty = new Penalty(true, 100_000m),
    };

    [Theory]
    [InlineData("2026-09-30", "case.statement_window_open")]
    [InlineData("2026-10-09", "case.statement_window_open")]
    [InlineData("2026-10-10", "case.hearing_window_open")]
    [InlineData("2026-10-12", "case.hearing_window_open")]
    [InlineData("2026-10-13", "Decided")]
    public void DecisionWaitsForBothWindows_Art62_64(string today, string expected) =>
        AssertOutcome(expected, Check(NotifiedWithHearingRight(), CaseAction.Decide, "head", D(today)));

    [Fact]
    public void StatementWindowDetailGivesTheLastDay()
    {
        var error = Check(NotifiedWithHearingRight(), CaseAction.Decide, "head", D("2026-10-08")).Error!;
        Assert.Contains("2026-10-09", error.Detail);
    }

    [Fact]
    public void ExpressWaiverEndsTheWindows_Art62()
    {
        AssertOutcome("Decided", Check(NotifiedWithHearingRight() with { RightsWaived = true }, CaseAction.Decide, "head", D("2026-09-30")));
    }

    [Fact]
    public void WithoutAHearingRightOnlyTheStatementWindowHolds_Art63()
    {
        var facts = NotifiedWithHearingRight() with { ProposedPenalty = new Penalty(true, 5000m), RequestedPenalty = new Penalty(true, 5000m) };
        AssertOutcome("case.statement_window_open", Check(facts, CaseAction.Decide, "head", D("2026-10-09")));
        AssertOutcome("Decided", Check(facts, CaseAction.Decide, "head", D("2026-10-10")));
    }

    [Theory]
    // Art. 64(一): within 5 working days of the notice — 10/12 is the last day.
    [InlineData("2026-10-10", "HearingRequested")]
    [InlineData("2026-10-12", "HearingRequested")]
    [InlineData("2026-10-13", "case.hearing_request_late")]
    public void HearingRequestWindow_Art64_1(string today, string expected) =>
        AssertOutcome(expected, Check(NotifiedWithHearingRight(), CaseAction.RequestHearing, "entity", D(today)));

    [Theory]
    // Art. 63 with the thresholds of the policy data (verify): 2025 rules 10,000 / 100,000; 1997 rules 2,000 / 20,000.
    [InlineData("2025", PartyKind.Organisation, 99_999.99, 0, null, "case.hearing_not_available")]
    [InlineData("2025", PartyKind.Organisation, 100_000, 0, null, "HearingRequested")]
    [InlineData("2025", PartyKind.Organisation, 0, 100_000, null, "HearingRequested")]
    [InlineData("2025", PartyKind.Individual, 9_999.99, 0, null, "case.hearing_not_available")]
    [InlineData("2025", PartyKind.Individual, 10_000, 0, null, "HearingRequested")]
    [InlineData("2025", PartyKind.Individual, 0, 0, "吊销卫生许可证", "HearingRequested")]
    [InlineData("1997", PartyKind.Individual, 2_000, 0, null, "HearingRequested")]
    [InlineData("1997", PartyKind.Organisation, 19_999, 0, null, "case.hearing_not_available")]
    [InlineData("1997", PartyKind.Organisation, 20_000, 0, null, "HearingRequested")]
    public void HearingRightByThreshold_Art63(string rules, PartyKind party, double fine, double confiscation, string? severe, string expected)
    {
        var facts = NotifiedWithHearingRight() with { Party = party, ProposedPenalty = new Penalty(false, (decimal)fine, (decimal)confiscation, severe) };
        AssertOutcome(expected, Check(facts, CaseAction.RequestHearing, "officer", D("2026-09-30"), rules == "1997" ? Rules1997 : Rules2025));
    }

    [Theory]
    // Art. 64(二): noticed on 2026-09-29, the hearing is at least 7 working days later:
    // 9/30, 10/8, 10/9, 10/10 (make-up), 10/12, 10/13, 10/14 → 2026-10-14.
    [InlineData("2026-10-13", "case.hearing_too_soon")]
    [InlineData("2026-10-14", "HearingNoticed")]
    [InlineData("2026-11-02", "HearingNoticed")]
    public void HearingNoticedSevenWorkingDaysAhead_Art64_2(string hearingOn, string expected)
    {
        var facts = Ready(CaseStage.HearingRequested) with { RequestedHearingDate = D(hearingOn) };
        AssertOutcome(expected, Check(facts, CaseAction.NoticeHearing, "officer", D("2026-09-29")));
        Assert.Equal(D("2026-10-14"), CaseDeadlines.EarliestHearing(Rules2025, Shipped, D("2026-09-29")));
    }

    [Fact]
    public void HearingDateIsRequiredToNotice() =>
        AssertOutcome("case.input_missing", Check(Ready(CaseStage.HearingRequested) with { RequestedHearingDate = null }, CaseAction.NoticeHearing, "officer"));

    [Theory]
    [InlineData("2026-10-13", "case.hearing_not_yet")]
    [InlineData("2026-10-14", "Heard")]
    public void HearingIsRecordedOnOrAfterItsDate(string today, string expected) =>
        AssertOutcome(expected, Check(Ready(CaseStage.HearingNoticed) with { HearingDate = D("2026-10-14") }, CaseAction.RecordHearing, "officer", D(today)));

    [Fact]
    public void WithdrawnHearingRequestLetsTheHeadDecide_Art64()
    {
        var pending = Ready(CaseStage.HearingNoticed);
        AssertOutcome("case.hearing_pending", Check(pending, CaseAction.Decide, "head"));
        AssertOutcome("Decided", Check(pending with { RightsWaived = true }, CaseAction.Decide, "head"));
    }

    [Fact]
    public void WindowInAYearWithoutCalendarIsRefusedNotGuessed()
    {
        // 5 working days from 2027-12-28 run into 2028, which is not loaded.
        var facts = NotifiedWithHearingRight() with { NoticeServedOn = D("2027-12-28") };
        var error = Check(facts, CaseAction.RequestHearing, "entity", D("2027-12-30")).Error!;
        Assert.Equal("case.calendar_missing", error.Code);
        Assert.Contains("2028年工作日历尚未载入", error.Detail);
    }

    [Fact]
    public void WindowIntoTheProvisionalYearIsJudgedOnItsStatutoryHolidays()
    {
        // 5 working days from 2026-12-28: 12/29, 12/30, 12/31, (元旦), 2027-01-04, 01-05 — a request on 01-05 is in time, on 01-06 late.
        var facts = NotifiedWithHearingRight() with { NoticeServedOn = D("2026-12-28") };
        Assert.True(Check(facts, CaseAction.RequestHearing, "entity", D("2027-01-05")).IsSuccess);
        Assert.Equal("case.hearing_request_late", Check(facts, CaseAction.RequestHearing, "entity", D("2027-01-06")).Error!.Code);
    }
}
