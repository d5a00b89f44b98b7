using System.Text;
using Tianmu.Warnings.Rules;

namespace Tianmu.Tests.Warnings;

/// <summary>The shipped rule packs carry the limits of the standards they cite (../shared/docs/STANDARDS.md).</summary>
public sealed class RulePackTests
{
    private static RuleDefinition Rule(string pack, string code) => RulePacks.Find(pack)!.Rules.Single(r => r.Code == code);

    [Fact]
    public void EveryShippedPackLoadsAndEveryRuleCitesItsClause()
    {
        Assert.Equal(["gb37488-2019/indoor-air", "gb37488-2019/pool-water", "gb5749-2022/drinking-water", "medical-waste/video-ai"], RulePacks.All.Select(p => p.Code).Order().ToArray());
        Assert.All(RulePacks.All.SelectMany(p => p.Rules), r => Assert.Empty(RulePacks.Problems(r)));

        // A violation needs a lasting condition, not one reading: every violation threshold has a minimum duration.
        Assert.All(RulePacks.All.SelectMany(p => p.Rules).Where(r => r.Kind == RuleKind.Threshold && r.Category == WarningCategory.Violation),
            r => Assert.True(r.Duration >= TimeSpan.FromMinutes(10), r.Code));
    }

    [Fact]
    public void PoolWaterLimitsAreThoseOfGb37488()
    {
        // GB 37488-2019 人工游泳池水质: free chlorine 0.3–1.0 mg/L, pH 7.0–7.8, turbidity ≤ 1 NTU.
        Assert.Equal(0.3, Rule("gb37488-2019/pool-water", "POOL-FCL-LOW").Min);
        Assert.Equal(1.0, Rule("gb37488-2019/pool-water", "POOL-FCL-HIGH").Max);
        Assert.Equal((7.0, 7.8), (Rule("gb37488-2019/pool-water", "POOL-PH").Min!.Value, Rule("gb37488-2019/pool-water", "POOL-PH").Max!.Value));
        Assert.Equal(1.0, Rule("gb37488-2019/pool-water", "POOL-TURBIDITY").Max);
        Assert.Equal(new DateOnly(2019, 11, 1), RulePacks.Find("gb37488-2019/pool-water")!.EffectiveFrom);
    }

    [Fact]
    public void IndoorAirLimitsAreThoseOfGb37488()
    {
        // GB 37488-2019 室内空气: CO₂ ≤ 0.15 % (general), CO ≤ 10 mg/m³, PM10 ≤ 0.15 mg/m³, formaldehyde ≤ 0.10 mg/m³.
        Assert.Equal(0.15, Rule("gb37488-2019/indoor-air", "AIR-CO2").Max);
        Assert.Equal(10, Rule("gb37488-2019/indoor-air", "AIR-CO").Max);
        Assert.Equal(0.15, Rule("gb37488-2019/indoor-air", "AIR-PM10").Max);
        Assert.Equal(0.10, Rule("gb37488-2019/indoor-air", "AIR-HCHO").Max);
    }

    [Fact]
    public void DrinkingWaterLimitsAreThoseOfGb5749()
    {
        // GB 5749-2022: turbidity ≤ 1 NTU, pH 6.5–8.5, free chlorine ≤ 2 mg/L and ≥ 0.3 mg/L in plant water.
        Assert.Equal(1.0, Rule("gb5749-2022/drinking-water", "WATER-TURBIDITY").Max);
        Assert.Equal((6.5, 8.5), (Rule("gb5749-2022/drinking-water", "WATER-PH").Min!.Value, Rule("gb5749-2022/drinking-water", "WATER-PH").Max!.Value));
        Assert.Equal(2.0, Rule("gb5749-2022/drinking-water", "WATER-FCL-HIGH").Max);
        Assert.Equal(0.3, Rule("gb5749-2022/drinking-water", "WATER-FCL-LOW").Min);
        Assert.Equal(new DateOnly(2023, 4, 1), RulePacks.Find("gb5749-2022/drinking-water")!.EffectiveFrom);
    }

    [Fact]
    public void APackWithARuleThatCouldNeverFireIsRefused()
    {
        const string json = """
            {"code":"BAD","version":1,"name":"x","standard":"x","effectiveFrom":"2026-01-01","rules":[
              {"code":"T1","name":"x","kind":"Threshold","category":"Violation","metric":"ph","clause":"x"},
              {"code":"F1","name":"x","kind":"FlatLine","category":"Device","metric":"ph","duration":"01:00:00","clause":""}]}
            """;
        var error = Assert.Throws<InvalidDataException>(() => RulePacks.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("T1: a threshold needs min or max", error.Message);
        Assert.Contains("F1: no clause cited", error.Message);
        Assert.Contains("F1: tolerance and duration are needed", error.Message);
    }
}
