using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>The dispatcher: which samples each category may use, and what it refuses.</summary>
public sealed class RuleEvaluatorTests
{
    private static readonly RuleDefinition Chlorine = PoolChlorine();

    /// <summary>Two hours of 0.12 mg/L a minute — far below GB 37488-2019's 0.3 — from a device out of calibration.</summary>
    private static List<Sample> StuckLowAndUnusable() =>
        [.. Minutely(Repeat(0.12, 120)).Select(s => s with { Usable = false })];

    [Fact]
    public void ReadingsUnusableAsEvidenceNeverRaiseAViolationOrTrendWarning()
    {
        // Issue 5: readings marked unusable as evidence can raise a device warning but never a violation warning.
        var series = StuckLowAndUnusable();
        var countRule = Chlorine with { Kind = RuleKind.CountInWindow, Count = 1, Window = TimeSpan.FromHours(1) };
        var trendRule = Chlorine with { Kind = RuleKind.Trend, Category = WarningCategory.Trend, Window = TimeSpan.FromMinutes(30), Horizon = TimeSpan.FromHours(1) };

        Assert.Empty(RuleEvaluator.Evaluate(Chlorine, series, At(120)));
        Assert.Empty(RuleEvaluator.Evaluate(Chlorine with { Duration = null }, series, At(120)));
        Assert.Empty(RuleEvaluator.Evaluate(countRule, series, At(120)));
        Assert.Empty(RuleEvaluator.Evaluate(trendRule, [.. series.Select((s, i) => s with { Value = 0.6 - (0.002 * i) })], At(120)));

        // The same readings marked usable do raise: the emptiness above is the usability filter.
        Assert.Single(RuleEvaluator.Evaluate(Chlorine, [.. series.Select(s => s with { Usable = true })], At(120)));
    }

    [Fact]
    public void ReadingsUnusableAsEvidenceStillCountForDeviceWarnings()
    {
        var series = StuckLowAndUnusable();
        var stuck = Chlorine with { Kind = RuleKind.FlatLine, Category = WarningCategory.Device, Duration = TimeSpan.FromHours(1), Tolerance = 0 };
        var offline = Chlorine with { Kind = RuleKind.MissingData, Category = WarningCategory.Device, Duration = TimeSpan.FromMinutes(5) };

        Assert.Single(RuleEvaluator.Evaluate(stuck, series, At(120)));
        Assert.Empty(RuleEvaluator.Evaluate(offline, series, At(120))); // it reported every minute

        // Had the rule filtered like a violation rule, one usable reading then silence would be an outage.
        series[0] = series[0] with { Usable = true };
        Assert.Empty(RuleEvaluator.Evaluate(offline, series, At(120)));
        Assert.Single(RuleEvaluator.Evaluate(offline with { Category = WarningCategory.Violation }, series, At(120)));
    }

    [Theory]
    [InlineData(RuleKind.AiEventCount)]
    [InlineData(RuleKind.OverdueReport)]
    [InlineData(RuleKind.CrossCheck)]
    public void KindsThatAreNotASeriesOfOneMetricAreRefused(RuleKind kind)
    {
        Assert.False(RuleEvaluator.IsSeriesKind(kind));
        var error = Assert.Throws<NotSupportedException>(() => RuleEvaluator.Evaluate(Chlorine with { Kind = kind }, Minutely(0.5), At(1)));
        Assert.Contains(kind.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesOutOfDeviceTimeOrderAreRefused()
    {
        var series = Minutely(0.5, 0.5, 0.5);
        (series[0], series[2]) = (series[2], series[0]);

        Assert.Throws<ArgumentException>(() => RuleEvaluator.Evaluate(Chlorine, series, At(3)));
    }

    [Fact]
    public void ARuleMissingWhatItsKindNeedsIsReportedAndRefused()
    {
        var noLimits = Chlorine with { Min = null, Max = null };
        var trendWithoutHorizon = Chlorine with { Kind = RuleKind.Trend, Window = TimeSpan.FromMinutes(30) };

        Assert.Empty(RuleEvaluator.Validate(Chlorine));
        Assert.Equal(["Min or Max is required"], RuleEvaluator.Validate(noLimits));
        Assert.Equal(["Horizon must be positive"], RuleEvaluator.Validate(trendWithoutHorizon));
        Assert.Contains("Count must be at least 1", RuleEvaluator.Validate(Chlorine with { Kind = RuleKind.CountInWindow, Window = TimeSpan.FromHours(1) }));
        Assert.Contains("Duration must be positive", RuleEvaluator.Validate(Chlorine with { Kind = RuleKind.MissingData, Duration = null }));
        var error = Assert.Throws<ArgumentException>(() => RuleEvaluator.Evaluate(noLimits, Minutely(0.5), At(1)));
        Assert.Contains(Chlorine.Code, error.Message, StringComparison.Ordinal);
    }
}
