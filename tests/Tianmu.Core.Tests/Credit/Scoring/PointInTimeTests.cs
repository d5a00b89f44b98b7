using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Warnings;
using static Tianmu.Tests.Credit.Scoring.Histories;

namespace Tianmu.Tests.Credit.Scoring;

/// <summary>Issue 9: "recomputation at any past date gives the grade the entity had then"; decay over time; repairs (信用修复).</summary>
public sealed class PointInTimeTests
{
    [Fact]
    public void FactsNotYetKnownOnTheDayDoNotCount()
    {
        var raised = Today.AddDays(-10);
        var history = Empty() with { Warnings = [Violation(raised)], Cases = [Case(Today.AddDays(-5))] };

        Assert.Equal(100, Score(history, raised.AddDays(-1)).Score);
        Assert.Equal(96, Score(history, raised).Score);
        Assert.Equal(100 - (4 * Decay.Factor(5, 180)) - 6, Score(history, Today.AddDays(-5)).Score, 1); // the warning five days old, the case new
    }

    [Fact]
    public void AVerdictReachedAfterTheDayIsNotKnownOnIt()
    {
        // Confirmed on day -2; on day -3 the cross-check was still awaiting an officer: not yet S20/Z24.
        var history = Empty() with { Warnings = [CrossCheck(Today.AddDays(-4), WarningStatus.RectificationOrdered, Today.AddDays(-2))] };

        Assert.False(Score(history, Today.AddDays(-3)).KeySupervision);
        Assert.True(Score(history, Today.AddDays(-2)).KeySupervision);
    }

    [Fact]
    public void AFactWeighsHalfAsMuchAfterEachHalfLifeAndDropsOutAfterTheHorizon()
    {
        var history = Empty() with { Cases = [Case(Today)] }; // 罚款 5,000 元: 6 points, half-life 365 days, counted 1,095 days

        Assert.Equal(-6, Points(Score(history), ScoringModel.CasesFactor));
        Assert.Equal(-3, Points(Score(history, Today.AddDays(365)), ScoringModel.CasesFactor));
        Assert.Equal(-1.5, Points(Score(history, Today.AddDays(730)), ScoringModel.CasesFactor));
        Assert.Equal(0, Points(Score(history, Today.AddDays(1096)), ScoringModel.CasesFactor));
    }

    [Fact]
    public void AnApprovedRepairTakesTheFactOutFromItsDecisionDayOnly()
    {
        var history = Empty();
        var @case = Case(Today.AddDays(-100));
        var repaired = history with { Cases = [@case], Repairs = [Repair(history, CreditFactKinds.Case, @case.Id, Today.AddDays(-10))] };

        Assert.Equal(100, Score(repaired).Score);
        Assert.True(Score(repaired, Today.AddDays(-11)).Score < 100); // grades before the decision still count it
    }

    [Fact]
    public void ARefusedRepairChangesNothing()
    {
        var history = Empty();
        var @case = Case(Today.AddDays(-100));
        var refused = history with { Cases = [@case], Repairs = [Repair(history, CreditFactKinds.Case, @case.Id, Today.AddDays(-10), approve: false)] };

        Assert.Equal(Score(history with { Cases = [@case] }).Score, Score(refused).Score);
    }

    [Fact]
    public void ARepairedTamperingFactNoLongerListsTheEntity()
    {
        var history = Empty();
        var incident = Incident(Tianmu.Devices.IncidentKind.Removed, Tianmu.Devices.Liability.Restore, Today.AddDays(-30));
        var repaired = history with { Incidents = [incident], Repairs = [Repair(history, CreditFactKinds.DeviceIncident, incident.Id, Today.AddDays(-1))] };

        Assert.False(Score(repaired).KeySupervision);
        Assert.True(Score(repaired, Today.AddDays(-2)).KeySupervision);
    }

    [Fact]
    public void TheSameHistoryAndDayGiveTheSameGrade()
    {
        var history = Empty() with { Warnings = [Violation(Today.AddDays(-40), status: WarningStatus.Rectified, changed: Today.AddDays(-35))], Cases = [Case(Today.AddDays(-200))] };

        Assert.Equal(CreditJson.Write(Score(history).Contributions), CreditJson.Write(Score(history).Contributions));
    }
}
