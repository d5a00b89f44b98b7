using Tianmu.Credit;

namespace Tianmu.Tests.Credit;

/// <summary>The shipped model's bands and what they mean for supervision (S10, Z4; LEGAL.md "Credit and inspection frequency").</summary>
public sealed class CreditModelTests
{
    private static readonly CreditModel Model = CreditModels.Default;

    [Theory]
    [InlineData(100, "A", RiskLevel.Low)]
    [InlineData(90, "A", RiskLevel.Low)]
    [InlineData(89.9, "B", RiskLevel.Medium)]
    [InlineData(70, "B", RiskLevel.Medium)]
    [InlineData(69.5, "C", RiskLevel.High)]
    [InlineData(60, "C", RiskLevel.High)]
    [InlineData(59.9, "D", RiskLevel.Severe)]
    [InlineData(-40, "D", RiskLevel.Severe)]
    public void AScoreFallsInTheBandOfTheHygieneGradingThresholds(double score, string grade, RiskLevel risk)
    {
        var band = Model.BandFor(score);
        Assert.Equal((grade, risk), (band.Label, band.Risk));
    }

    [Theory]
    [InlineData("A", false, 1, 0.05)]
    [InlineData("B", false, 2, 0.10)]
    [InlineData("C", false, 3, 0.20)]
    [InlineData("B", true, 1, 0.05)] // S10: good credit with devices and self-supervision → fewer on-site inspections
    [InlineData("A", true, 1, 0.025)] // never below once a year
    public void GradeAndSelfMonitoringSetTheFrequencyAndSamplingRatio(string grade, bool selfMonitored, int perYear, double ratio)
    {
        var level = Model.SupervisionFor(grade, selfMonitored, keySupervision: false);
        Assert.Equal(perYear, level.InspectionsPerYear);
        Assert.Equal(ratio, level.SamplingRatio, 6);
        Assert.Equal(selfMonitored, level.Reduced);
    }

    [Fact]
    public void KeySupervisionMeansAtLeastQuarterlyInspectionsWhateverTheGrade()
    {
        // S20/Z24: false information or tampering → 纳入重点监管范围; the worst band is key supervision by itself.
        Assert.Equal(new SupervisionLevel(4, 0.5, true, false), Model.SupervisionFor("A", selfMonitored: true, keySupervision: true));
        Assert.Equal(new SupervisionLevel(4, 0.5, true, false), Model.SupervisionFor("D", selfMonitored: true, keySupervision: false));
    }
}
