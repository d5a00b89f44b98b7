using System.Text.Json;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;

namespace Tianmu.Tests.Credit.Scoring;

/// <summary>The model's factor parameters are data (law as data): read once and checked before any grade is computed.</summary>
public sealed class ScoringModelTests
{
    [Fact]
    public void TheShippedModelHasEveryFactor()
    {
        var m = ScoringModel.Default;

        Assert.Equal(new[] { "S20", "Z24" }, m.FalseInformation.ClauseMarkers);
        Assert.Equal(365, m.Cases.HalfLifeDays);
    }

    [Fact]
    public void AModelMissingAFactorOrWithAMistypedParameterIsRefusedNamingEachProblem()
    {
        var factors = CreditModels.Default.Factors.Where(f => f.Key != ScoringModel.CasesFactor).ToDictionary(f => f.Key, f => f.Value);
        factors[ScoringModel.DevicesFactor] = JsonDocument.Parse("""{ "windowDays": 90, "targetUptime": 0.95, "lowUptimePoints": 10, "reportingBonsu": 3 }""").RootElement;

        var e = Assert.Throws<InvalidDataException>(() => ScoringModel.From(Variant(CreditModels.Default.Grades, factors)));
        Assert.Contains("cases", e.Message, StringComparison.Ordinal);
        Assert.Contains("devices", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BandsOutOfOrderAreRefused()
    {
        var reversed = Variant([.. CreditModels.Default.Grades.Reverse()], CreditModels.Default.Factors);

        Assert.Contains("从高到低", Assert.Throws<InvalidDataException>(() => ScoringModel.From(reversed)).Message, StringComparison.Ordinal);
    }

    /// <summary>Version 2 of the shipped model with other bands or factors.</summary>
    private static CreditModel Variant(IReadOnlyList<GradeBand> grades, IReadOnlyDictionary<string, JsonElement> factors)
    {
        var model = CreditModels.Default;
        return new CreditModel
        {
            Code = model.Code,
            Version = 2,
            Name = model.Name,
            ValidFrom = model.ValidFrom,
            Basis = model.Basis,
            BaseScore = 100,
            Grades = grades,
            Supervision = model.Supervision,
            Factors = factors,
        };
    }
}
