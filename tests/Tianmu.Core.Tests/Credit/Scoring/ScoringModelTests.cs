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
        var model = CreditModels.Default;
        var factors = model.Factors.Where(f => f.Key != ScoringModel.CasesFactor).ToDictionary(f => f.Key, f => f.Value);
        factors[ScoringModel.DevicesFactor] = JsonDocument.Parse("""{ "windowDays": 90, "targetUptime": 0.95, "lowUptimePoints": 10, "reportingBonsu": 3 }""").RootElement;
        var broken = new CreditModel
        {
            Code = model.Code,
            Version = 2,
            Name = model.Name,
            ValidFrom = model.ValidFrom,
            Basis = model.Basis,
            BaseScore = 100,
            Grades = model.Grades,
            Supervision = model.Supervision,
            Factors = factors,
        };

        var e = Assert.Throws<InvalidDataException>(() => ScoringModel.From(broken));
        Assert.Contains("cases", e.Message, StringComparison.Ordinal);
        Assert.Contains("devices", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BandsOutOfOrderAreRefused()
    {
        var model = CreditModels.Default;
        var reversed = new CreditModel
        {
            Code = model.Code,
            Version = 2,
            Name = model.Name,
            ValidFrom = model.ValidFrom,
            Basis = model.Basis,
            BaseScore = 100,
            Grades = [.. model.Grades.Reverse()],
            Supervision = model.Supervision,
            Factors = model.Factors,
        };

        Assert.Contains("从高到低", Assert.Throws<InvalidDataException>(() => ScoringModel.From(reversed)).Message, StringComparison.Ordinal);
    }
}
