using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Warnings;
using static Tianmu.Tests.Credit.Scoring.Histories;

namespace Tianmu.Tests.Credit.Scoring;

/// <summary>
/// S20/Z24: 提供虚假信息、瞒报谎报信息、擅自改动设备及图像等信息 → 按照信用监管规定进行相应处理，同时纳入重点监管范围.
/// </summary>
public sealed class FalseInformationTests
{
    [Fact]
    public void AConfirmedSelfReportCrossCheckPutsTheEntityUnderKeySupervision()
    {
        var warning = CrossCheck(Today.AddDays(-3), WarningStatus.RectificationOrdered, Today.AddDays(-2));
        var result = Score(Empty() with { Warnings = [warning] });

        Assert.True(result.KeySupervision);
        Assert.Equal(100 - (25 * Decay.Factor(2, 730)), result.Score, 2); // 25 points two days ago: B, but on the list whatever the grade
        Assert.Equal("B", result.Band.Label);
        var fact = Assert.Single(result.KeySupervisionFacts);
        Assert.Equal((CreditFactKinds.Warning, (Guid?)warning.Id, Today.AddDays(-2)), (fact.Kind, fact.Id, fact.On));
    }

    [Fact]
    public void ACrossCheckDismissedAsAFalseAlarmOrStillUncheckedDoesNot()
    {
        var dismissed = CrossCheck(Today.AddDays(-3), WarningStatus.FalseAlarm, Today.AddDays(-2));
        var unchecked_ = CrossCheck(Today.AddDays(-1), WarningStatus.Checking, Today);
        var result = Score(Empty() with { Warnings = [dismissed, unchecked_] });

        Assert.False(result.KeySupervision);
        Assert.Equal(100, result.Score);
    }

    [Fact]
    public void AFlatLineConfirmedAsTamperingPutsTheEntityUnderKeySupervision()
    {
        // "数值恒定疑似…被干扰": confirmed by the officer (turned into a clue) rather than closed as a false alarm.
        var result = Score(Empty() with { Warnings = [FlatLine(Today.AddDays(-5), WarningStatus.TurnedIntoClue, Today.AddDays(-4))] });

        Assert.True(result.KeySupervision);
        Assert.False(Score(Empty() with { Warnings = [FlatLine(Today.AddDays(-5), WarningStatus.FalseAlarm, Today.AddDays(-4))] }).KeySupervision);
    }

    [Theory]
    [InlineData(IncidentKind.Removed, true)]
    [InlineData(IncidentKind.Obstructed, true)]
    [InlineData(IncidentKind.Blurred, true)]
    [InlineData(IncidentKind.Damaged, false)] // S6/Z23: restore or compensate, but not tampering
    public void RemovingObstructingOrBlurringADeviceIsTampering(IncidentKind kind, bool tampering)
    {
        var result = Score(Empty() with { Incidents = [Incident(kind, Liability.Restore, Today)] });

        Assert.Equal(tampering, result.KeySupervision);
        Assert.Equal(tampering ? -25 : 0, Points(result, ScoringModel.FalseInformationFactor));
        Assert.Equal(tampering ? 0 : -5, Points(result, ScoringModel.IncidentsFactor)); // never counted twice
    }

    [Fact]
    public void AnIncidentWithoutTheEntitysLiabilityIsNotTampering()
    {
        Assert.False(Score(Empty() with { Incidents = [Incident(IncidentKind.Removed, Liability.None, Today)] }).KeySupervision);
    }

    [Fact]
    public void ACaseAboutFalseInformationCountsOnceUnderS20AndNotAsAnOrdinaryCase()
    {
        var result = Score(Empty() with { Cases = [Case(Today, title: "提供虚假自查数据")] });

        Assert.True(result.KeySupervision);
        Assert.Equal((-25.0, 0.0), (Points(result, ScoringModel.FalseInformationFactor), Points(result, ScoringModel.CasesFactor)));
    }

    [Fact]
    public void ACaseMadeFromAConfirmedCrossCheckTakesTheWarningsPlace()
    {
        var warning = CrossCheck(Today.AddDays(-30), WarningStatus.TurnedIntoClue, Today.AddDays(-29));
        var @case = Case(Today, title: "游泳场所自查记录不符", sourceRef: warning.Id.ToString());
        var facts = Score(Empty() with { Warnings = [warning], Cases = [@case] }).KeySupervisionFacts;

        var fact = Assert.Single(facts);
        Assert.Equal((CreditFactKinds.Case, (Guid?)@case.Id), (fact.Kind, fact.Id));
    }

    [Fact]
    public void AnEntityAnOfficerTookOffTheListIsNoLongerUnderKeySupervisionForThatFact()
    {
        // Z4: real self-monitoring may take an entity off the key-supervision list; the listing it removed stays removed.
        var history = Empty();
        var warning = CrossCheck(Today.AddDays(-60), WarningStatus.Rectified, Today.AddDays(-50));
        var entry = new KeySupervisionEntry(Guid.NewGuid(), history.EntityId, history.AgencyPath, "自报数据与在线监测不符", "S20、Z24", CreditFactKinds.Warning, warning.Id, Today.AddDays(-50), "系统");
        entry.Remove(Today.AddDays(-1), "陈静", "已落实自我监督主体责任");
        history = history with { Warnings = [warning], KeySupervision = [entry] };

        Assert.False(Score(history).KeySupervision);
        Assert.True(Score(history, Today.AddDays(-2)).KeySupervision); // the day before its removal it was listed
    }

    [Fact]
    public void AManualListingByAnOfficerCountsWhileActive()
    {
        var history = Empty();
        var entry = new KeySupervisionEntry(Guid.NewGuid(), history.EntityId, history.AgencyPath, "群众多次举报", "鲁第二十条", null, null, Today.AddDays(-10), "陈静");

        Assert.True(Score(history with { KeySupervision = [entry] }).KeySupervision);
        Assert.False(Score(history with { KeySupervision = [entry] }, Today.AddDays(-11)).KeySupervision);
    }

    [Fact]
    public void ATamperingFactMakesTheEntityNotSelfMonitoredEvenWithDevicesReporting()
    {
        var history = Empty() with { Devices = [Device(Today.AddDays(-200))], Incidents = [Incident(IncidentKind.Obstructed, Liability.Restore, Today.AddDays(-20))] };

        Assert.False(Score(history).SelfMonitored);
    }
}
