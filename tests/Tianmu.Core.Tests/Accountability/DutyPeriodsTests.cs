using Tianmu.Accountability;
using Tianmu.Cases;
using Tianmu.Clues;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Accountability;

/// <summary>
/// Duty periods from hand-made histories. S18/Z21: information held but not acted on, or a statutory step not
/// taken in time, is answerable; S19/Z22: an item handled strictly by the procedure is 免责.
/// </summary>
public sealed class DutyPeriodsTests
{
    private static readonly DutyPerson Huang = new(Guid.NewGuid(), "黄磊");
    private static readonly DutyPerson Wu = new(Guid.NewGuid(), "吴琳");
    private static readonly DutyPerson Chen = new(Guid.NewGuid(), "陈静");
    private static readonly DateTimeOffset Raised = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AWarningNotSignedForByItsLimitIsOverdueAgainstEveryOfficerOfTheAgency()
    {
        var w = RaiseWarning(Severity.High); // 2 hours to sign for it
        var periods = DutyPeriods.ForWarning(w, [Huang, Wu]);

        var signFor = Assert.Single(periods);
        Assert.Equal(Raised.AddHours(2), signFor.By);
        Assert.Equal([Huang, Wu], signFor.People);
        Assert.Equal(DutyState.Running, signFor.StateAt(Raised.AddHours(1)));
        Assert.Equal(DutyState.Overdue, signFor.StateAt(Raised.AddHours(3)));
        Assert.Equal(DutyVerdict.Flagged, DutyJudgement.Verdict(periods, Raised.AddHours(3)));
    }

    [Fact]
    public void AWarningSignedForInTimeAndClosedIsHandledByTheBook()
    {
        var w = RaiseWarning(Severity.High);
        w.Apply(WarningAction.SignFor, "黄磊", Raised.AddMinutes(30));
        w.AssignTo(Huang.Id!.Value, "黄磊", Raised.AddMinutes(30));
        w.Apply(WarningAction.StartChecking, "黄磊", Raised.AddHours(1));
        w.Apply(WarningAction.DismissAsFalseAlarm, "黄磊", Raised.AddHours(5), "设备维护期间读数");

        var periods = DutyPeriods.ForWarning(w, [Huang, Wu]);

        Assert.Equal(2, periods.Count);
        Assert.Equal(DutyState.InTime, periods[0].StateAt(Raised.AddDays(1)));
        Assert.Equal(DutyState.Done, periods[1].StateAt(Raised.AddDays(1)));
        Assert.Equal([Huang], periods[1].People); // once assigned, the duty is his
        Assert.Equal(DutyVerdict.Compliant, DutyJudgement.Verdict(periods, Raised.AddDays(1)));
    }

    [Fact]
    public void AClueHandledAfterItsDeadlineIsLateAndFlagged()
    {
        var clue = new ProvincialClue(Guid.NewGuid(), Guid.NewGuid(), "SD-1", new ClueContent("投诉", "内容", null, null), Guid.NewGuid(), "/370000/", null, Raised, Raised.AddDays(7));
        clue.Accept("黄磊", Raised.AddDays(1));
        clue.Handle("已核查", "黄磊", Raised.AddDays(9));

        var periods = DutyPeriods.ForClue(clue, [Huang, Wu]);

        Assert.Equal(DutyState.InTime, periods[0].StateAt(Raised.AddDays(10)));
        Assert.Equal(DutyState.Late, periods[1].StateAt(Raised.AddDays(10)));
        Assert.Equal([Huang], periods[1].People); // the one who signed for it
        Assert.Equal(DutyVerdict.Flagged, DutyJudgement.Verdict(periods, Raised.AddDays(10)));
    }

    [Fact]
    public void ACaseNotFiledWithinTheFilingPeriodIsOverdueAgainstTheHeads()
    {
        // 2025 rules: file within 15 working days of acceptance (2026-03-02 → 2026-03-23).
        var c = NewCase(D("2026-03-02"));
        var periods = DutyPeriods.ForCase(new CaseHistory(c, [Event(c, CaseAction.ConcludeInvestigation, Raised)], [Huang, Wu], [Chen]), Rules2025, Shipped);

        var filing = Assert.Single(periods);
        Assert.Equal(DutyPeriods.EndOf(D("2026-03-23")), filing.By);
        Assert.Equal([Chen], filing.People);
        Assert.Equal(DutyState.Running, filing.StateAt(DutyPeriods.EndOf(D("2026-03-23"))));
        Assert.Equal(DutyState.Overdue, filing.StateAt(DutyPeriods.EndOf(D("2026-03-24"))));
    }

    [Fact]
    public void ACaseFiledDecidedAndServedWithinEveryLimitIsCompliant()
    {
        // Filing (15 working days), decision within 90 days of filing (art. 60), service within 7 working days (art. 61).
        var c = NewCase(D("2026-03-02"));
        c.RecordFiling(D("2026-03-10"), Rules2025.Version);
        c.RecordDecision(CaseOutcome.Penalty, new Penalty(true, 1000m), D("2026-06-05"));
        var events = new[]
        {
            Event(c, CaseAction.File, At("2026-03-10")),
            Event(c, CaseAction.Decide, At("2026-06-05")),
            Event(c, CaseAction.RecordService, At("2026-06-12")),
        };

        var periods = DutyPeriods.ForCase(new CaseHistory(c, events, [Huang, Wu], [Chen]), Rules2025, Shipped);

        Assert.Equal(["立案（或不予立案）", "作出处理决定", "送达处罚决定书"], periods.Select(p => p.Step));
        Assert.Equal(DutyPeriods.EndOf(D("2026-06-08")), periods[1].By); // 90 days from 03-10 = 06-08
        Assert.All(periods, p => Assert.Equal(DutyState.InTime, p.StateAt(At("2026-07-01"))));
        Assert.Equal(DutyVerdict.Compliant, DutyJudgement.Verdict(periods, At("2026-07-01")));
    }

    [Fact]
    public void ADecisionLimitLengthenedByAnApprovedExtensionIsJudgedAgainstTheLongerLimit()
    {
        var c = NewCase(D("2026-03-02"));
        c.RecordFiling(D("2026-03-10"), Rules2025.Version);
        c.Extend(30);
        c.RecordDecision(CaseOutcome.Penalty, new Penalty(true, 1000m), D("2026-07-01"));
        var events = new[] { Event(c, CaseAction.File, At("2026-03-10")), Event(c, CaseAction.Decide, At("2026-07-01")) };

        var periods = DutyPeriods.ForCase(new CaseHistory(c, events, [Huang], [Chen]), Rules2025, Shipped);

        Assert.Equal(DutyState.InTime, periods[1].StateAt(At("2026-07-02")));
    }

    [Fact]
    public void ALimitInAYearWithoutCalendarIsNeverJudged()
    {
        // Accepted 2027-12-21: the 15 working days run into 2028, whose calendar is not loaded (LEGAL.md: fail loudly).
        var c = NewCase(D("2027-12-21"));
        var periods = DutyPeriods.ForCase(new CaseHistory(c, [], [Huang], [Chen]), Rules2025, Shipped);

        var filing = Assert.Single(periods);
        Assert.Null(filing.By);
        Assert.Contains("2028年工作日历尚未载入", filing.Problem);
        Assert.Equal(DutyState.Running, filing.StateAt(At("2027-12-31"))); // the limit cannot fall before 2028
        Assert.Equal(DutyState.Unknown, filing.StateAt(At("2028-06-01")));
        Assert.Equal(DutyVerdict.InProgress, DutyJudgement.Verdict(periods, At("2028-06-01")));
    }

    [Fact]
    public void AStepDoneBeforeTheUnloadedYearIsInTimeWhateverItsExactLimit()
    {
        // Filed 2027-10-15: the 90-day limit ends in January 2028 (calendar not loaded); a decision in 2027 is in time.
        var c = NewCase(D("2027-10-14"));
        c.RecordFiling(D("2027-10-15"), Rules2025.Version);
        c.RecordDecision(CaseOutcome.Penalty, new Penalty(true, 1000m), D("2027-11-03"));
        var events = new[] { Event(c, CaseAction.File, At("2027-10-15")), Event(c, CaseAction.Decide, At("2027-11-03")) };

        var decision = DutyPeriods.ForCase(new CaseHistory(c, events, [Huang], [Chen]), Rules2025, Shipped)[1];

        Assert.Null(decision.By);
        Assert.NotNull(decision.Problem);
        Assert.Equal(DutyState.InTime, decision.StateAt(At("2028-06-01")));
    }

    private static Warning RaiseWarning(Severity severity)
    {
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        var rule = pack.Rules.First(r => r.Severity == severity);
        return new Warning(Guid.NewGuid(), new RaisedBy(pack, rule), new WarningSubject(null, Guid.NewGuid(), Guid.NewGuid(), "/370000/370100/370102/"),
            new Episode(Raised.AddMinutes(-40), Raised, null, [new Sample(Raised.AddMinutes(-40), 1.8, true)], "浑浊度超标"), Raised);
    }

    private static Case NewCase(DateOnly acceptedOn) =>
        new(Guid.NewGuid(), new CaseOpening(Guid.NewGuid(), "未按规定消毒", CaseSource.OwnFinding, null, "发现", CaseProcedureKind.General, null, null, false),
            Guid.NewGuid(), "/370000/370100/370102/", PartyKind.Organisation, "黄磊", At(acceptedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), acceptedOn);

    private static CaseEvent Event(Case c, CaseAction action, DateTimeOffset at) =>
        new(Guid.NewGuid(), c.Id, action.ToString(), c.Stage, c.Stage, Guid.NewGuid(), "陈静", at, null, "{}");

    /// <summary>10:00 China time on that day.</summary>
    private static DateTimeOffset At(string day) => new DateTimeOffset(D(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
}
