using Tianmu.Cases;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Credit.Scoring.Histories;

namespace Tianmu.Tests.Credit.Scoring;

/// <summary>Each factor's effect on a hand-made history (issue 9; S10, Z4, S6/Z23, S13/Z15; the default model's parameters).</summary>
public sealed class FactorTests
{
    [Fact]
    public void AnEntityWithNoFactsKeepsTheBaseScoreButIsNotSelfMonitored()
    {
        var result = Score(Empty());

        Assert.Equal((100.0, "A", false, false), (result.Score, result.Band.Label, result.SelfMonitored, result.KeySupervision));
        Assert.Equal(ScoringModel.Default.Model.Factors.Count - 1, result.Contributions.Count); // every factor explained, selfMonitoring is a flag
        Assert.All(result.Contributions, c => Assert.Empty(c.Facts));
    }

    [Fact]
    public void DevicesActuallyReportingEarnTheBonusAndSelfMonitoring()
    {
        // S10/Z4: installed devices and self-supervision are the basis of the reduced inspection frequency.
        var device = Device(Today.AddDays(-200));
        var result = Score(Empty() with { Devices = [device] });

        Assert.True(result.SelfMonitored);
        Assert.Equal(3, Points(result, ScoringModel.DevicesFactor)); // offsets deductions…
        Assert.Equal(100, result.Score); // …but never lifts a clean record above the base
        Assert.Contains(result.Contributions.Single(c => c.Factor == ScoringModel.DevicesFactor).Facts, f => f.Kind == CreditFactKinds.Device && f.Id == device.Id && f.Points == 0);
    }

    [Fact]
    public void ADeviceOfflineForAThirdOfTheWindowLosesPointsInProportionAndIsNotSelfMonitoring()
    {
        var device = Device(Today.AddDays(-200));
        var window = PointInTime.EndOf(Today).AddDays(-90);
        var history = Empty() with { Devices = [device], Warnings = [Offline(device, window, window.AddDays(30))] };
        var result = Score(history);

        // uptime 2/3 against the 95 % target: 10 × (0.95 − 0.667) / 0.95 ≈ 2.98 points, no bonus
        Assert.Equal(-2.98, Points(result, ScoringModel.DevicesFactor), 2);
        Assert.False(result.SelfMonitored);
    }

    [Fact]
    public void AnOfflineWarningDismissedAsAFalseAlarmIsNotDowntime()
    {
        var device = Device(Today.AddDays(-200));
        var from = PointInTime.EndOf(Today).AddDays(-60);
        var history = Empty() with { Devices = [device], Warnings = [Offline(device, from, from.AddDays(30)) with { Status = WarningStatus.FalseAlarm, UpdatedAt = from.AddDays(31) }] };

        Assert.Equal(3, Points(Score(history), ScoringModel.DevicesFactor));
    }

    [Fact]
    public void ARetiredDeviceNoLongerEarnsSelfMonitoring()
    {
        var history = Empty() with { Devices = [Device(Today.AddDays(-200), retired: Today.AddDays(-10))] };

        Assert.False(Score(history).SelfMonitored);
        Assert.True(Score(history, Today.AddDays(-11)).SelfMonitored); // point in time: it was in use then
    }

    [Theory]
    [InlineData(Severity.Low, WarningStatus.New, -1)]
    [InlineData(Severity.Medium, WarningStatus.New, -2)]
    [InlineData(Severity.High, WarningStatus.New, -4)]
    [InlineData(Severity.High, WarningStatus.FalseAlarm, 0)]
    [InlineData(Severity.High, WarningStatus.TurnedIntoClue, -4)]
    public void WarningsWeighBySeverityAndFalseAlarmsDoNotCount(Severity severity, WarningStatus status, double points)
    {
        var history = Empty() with { Warnings = [Violation(Today, severity, status)] };

        Assert.Equal(points, Points(Score(history), ScoringModel.WarningsFactor));
    }

    [Fact]
    public void FastRectificationWeighsLessThanSlowAndAMissedDeadlineMore()
    {
        var raised = Today;
        double Of(WarningFact w) => Points(Score(Empty() with { Warnings = [w] }, Today.AddDays(30)), ScoringModel.WarningsFactor) / Decay.Factor(30, 180);

        Assert.Equal(-1, Of(Violation(raised, Severity.High, WarningStatus.Rectified, changed: raised.AddDays(5))), 1); // within 7 days: × 0.25
        Assert.Equal(-2, Of(Violation(raised, Severity.High, WarningStatus.Rectified, changed: raised.AddDays(20))), 1); // later: × 0.5
        Assert.Equal(-4, Of(Violation(raised, Severity.High, WarningStatus.RectificationOrdered, changed: raised.AddDays(1), rectifyBy: raised.AddDays(40))), 1);
        Assert.Equal(-6, Of(Violation(raised, Severity.High, WarningStatus.RectificationOrdered, changed: raised.AddDays(1), rectifyBy: raised.AddDays(10))), 1); // overdue: × 1.5
    }

    [Theory]
    [InlineData(CaseOutcome.Penalty, 5000, -6)]
    [InlineData(CaseOutcome.Penalty, 20000, -12)]
    [InlineData(CaseOutcome.Penalty, 0, -3)] // a warning only
    [InlineData(CaseOutcome.NoPenaltyFirstViolation, 0, -1)] // 首违不罚: established, not penalised
    [InlineData(CaseOutcome.NotEstablished, 0, 0)]
    [InlineData(CaseOutcome.Transfer, 0, -30)]
    public void CasesWeighByOutcomeAndPenalty(CaseOutcome outcome, int fine, double points)
    {
        var history = Empty() with { Cases = [Case(Today, outcome, fine)] };

        Assert.Equal(points, Points(Score(history), ScoringModel.CasesFactor));
    }

    [Fact]
    public void ASuspensionWeighsMostOfAllPenalties()
    {
        var history = Empty() with { Cases = [Case(Today) with { Severe = "责令停业整顿" }] };

        Assert.Equal(-25, Points(Score(history), ScoringModel.CasesFactor));
    }

    [Theory]
    [InlineData(IncidentKind.Damaged, Liability.Restore, -5)]
    [InlineData(IncidentKind.Damaged, Liability.Compensate, -7.5)]
    [InlineData(IncidentKind.Moved, Liability.Restore, -3)]
    [InlineData(IncidentKind.Damaged, Liability.None, 0)] // not the entity's fault
    [InlineData(IncidentKind.Offline, Liability.Restore, 0)] // uptime covers it
    public void IncidentsTheEntityIsLiableForLowerTheScore(IncidentKind kind, Liability liability, double points)
    {
        // Z23: 未按约定故意损毁、擅自移动或者拆除 → 恢复原状、赔偿损失
        var history = Empty() with { Incidents = [Incident(kind, liability, Today)] };

        Assert.Equal(points, Points(Score(history), ScoringModel.IncidentsFactor));
    }

    [Fact]
    public void AnUnresolvedIncidentDoesNotCountYet()
    {
        var history = Empty() with { Incidents = [Incident(IncidentKind.Damaged, null, Today)] };

        Assert.Equal(0, Points(Score(history), ScoringModel.IncidentsFactor));
    }

    [Fact]
    public void OverdueSelfReportsCountLessWhenReportedLateAndALateReportOfAnOverduePeriodIsNotCountedTwice()
    {
        // S13/Z15: 行政相对人主动报送自我监管信息
        var missed = Overdue(Today.AddDays(-1));
        var caughtUp = Overdue(Today.AddDays(-1), reported: Today);
        var lateOfCaughtUp = new LateReportFact(Guid.NewGuid(), caughtUp.FormId, caughtUp.FormName, caughtUp.PeriodStart, At(Today));
        var lateAlone = new LateReportFact(Guid.NewGuid(), Guid.NewGuid(), "每周空气质量自检", Today.AddDays(-7), At(Today, 1));
        var history = Empty() with { Overdue = [missed, caughtUp], LateReports = [lateOfCaughtUp, lateAlone] };

        var contribution = Score(history).Contributions.Single(c => c.Factor == ScoringModel.SelfReportsFactor);
        Assert.Equal(-2 - 1 - 0.5, contribution.Points, 2);
        Assert.Equal(3, contribution.Facts.Count);
        Assert.Contains(contribution.Facts, f => f.Kind == CreditFactKinds.OverdueReport && f.Id == missed.Id);
    }

    [Fact]
    public void AMissedSelfReportCostsSelfMonitoringForTheWindow()
    {
        var history = Empty() with { Devices = [Device(Today.AddDays(-200))], Overdue = [Overdue(Today.AddDays(-30))] };

        Assert.False(Score(history).SelfMonitored);
        Assert.True(Score(history, Today.AddDays(91)).SelfMonitored); // S10: back to self-monitored once the window has passed
    }

    [Theory]
    [InlineData(95, 2)]
    [InlineData(75, -3)]
    [InlineData(65, -8)]
    [InlineData(40, -15)] // < 60: 责令改正
    public void TheLatestHygieneGradingCountsByItsLevel(double score, double points)
    {
        // LEGAL.md "Credit and inspection frequency": 量化分级 ≥ 90 A, 70–89 B, 60–69 C, < 60 order to correct.
        var old = new HygieneFact(Guid.NewGuid(), 40, "D", Today.AddDays(-400));
        var latest = new HygieneFact(Guid.NewGuid(), score, HygieneGrading.LevelFor(score), Today.AddDays(-10));
        var result = Score(Empty() with { HygieneGradings = [old, latest] });

        Assert.Equal(points, Points(result, ScoringModel.HygieneFactor));
        Assert.Equal(latest.Id, result.Contributions.Single(c => c.Factor == ScoringModel.HygieneFactor).Facts.Single().Id);
        Assert.Equal(-15, Points(Score(Empty() with { HygieneGradings = [old, latest] }, Today.AddDays(-11)), ScoringModel.HygieneFactor)); // then the older one was the latest
    }

    [Fact]
    public void TheScoreStaysBetweenZeroAndTheBase()
    {
        var history = Empty() with { Cases = [.. Enumerable.Range(0, 6).Select(_ => Case(Today, CaseOutcome.Transfer))] };
        var result = Score(history);

        Assert.Equal((0.0, "D", RiskLevel.Severe, true), (result.Score, result.Band.Label, result.Band.Risk, result.KeySupervision));
    }
}
