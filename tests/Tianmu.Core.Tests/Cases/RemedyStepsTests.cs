using Tianmu.Cases;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>Recording a review or suit and its end (行政处罚法第七十三条): who, when, and in what order.</summary>
public sealed class RemedyStepsTests
{
    private static readonly DateOnly Decided = D("2026-05-10");

    private static Tianmu.Cases.Procedure.CaseFacts Served(DateOnly? on = null) =>
        Ready(CaseStage.Served) with { DecidedOn = Decided, ServedOn = D("2026-05-12"), RequestedRemedyOn = on };

    [Theory]
    [InlineData("Decided", "officer", "Decided")]
    [InlineData("Served", "head", "Served")]
    [InlineData("Executed", "officer", "Executed")]
    [InlineData("Closed", "head", "Closed")]
    [InlineData("Notified", "officer", "case.wrong_stage")] // no decision yet to seek review of
    [InlineData("Archived", "head", "case.archived")]
    [InlineData("Served", "reviewer", "case.role")]
    [InlineData("Served", "entity", "case.role")]
    [InlineData("Served", "platform", "case.role")]
    public void RecordedOnADecisionByStaff_Art73(string stage, string actor, string expected) =>
        AssertOutcome(expected, Check(Served(D("2026-05-20")) with { Stage = Enum.Parse<CaseStage>(stage) }, CaseAction.RecordRemedy, actor));

    [Theory]
    [InlineData("2026-05-20", "Served")]
    [InlineData("2026-05-10", "Served")] // the decision day itself
    [InlineData("2026-05-09", "case.remedy_date")] // before the decision
    [InlineData("2026-06-02", "case.remedy_date")] // after today (2026-06-01)
    public void StartDateWithinTheDecisionAndToday_Art73(string on, string expected) =>
        AssertOutcome(expected, Check(Served(D(on)), CaseAction.RecordRemedy, "officer"));

    [Fact]
    public void OnlyOnePendingAtATime_Art73()
    {
        AssertOutcome("case.remedy_open", Check(Served(D("2026-05-25")) with { RemedyOpenSince = D("2026-05-20") }, CaseAction.RecordRemedy, "officer"));
        AssertOutcome("case.remedy_date", Check(Served(D("2026-05-25")) with { LastRemedyEndedOn = D("2026-05-28") }, CaseAction.RecordRemedy, "officer"));
        AssertOutcome("Served", Check(Served(D("2026-05-28")) with { LastRemedyEndedOn = D("2026-05-28") }, CaseAction.RecordRemedy, "officer"));
    }

    [Theory]
    [InlineData("2026-05-30", "Served")]
    [InlineData("2026-05-20", "Served")] // decided the day it was applied for
    [InlineData("2026-05-19", "case.remedy_end_before_start")]
    [InlineData("2026-06-02", "case.remedy_date")]
    public void EndNotBeforeStartNorAfterToday_Art73(string on, string expected) =>
        AssertOutcome(expected, Check(Served(D(on)) with { RemedyOpenSince = D("2026-05-20") }, CaseAction.EndRemedy, "head"));

    [Fact]
    public void NothingToEndWithoutAPendingOne_Art73() =>
        AssertOutcome("case.remedy_not_open", Check(Served(D("2026-05-30")), CaseAction.EndRemedy, "officer"));
}
