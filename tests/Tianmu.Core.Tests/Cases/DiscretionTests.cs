using Tianmu.Cases;
using Tianmu.Cases.Discretion;

namespace Tianmu.Tests.Cases;

/// <summary>裁量基准 (art. 34) and 不予处罚 (art. 33, S3) suggestions from the shipped examples (LEGAL.md).</summary>
public sealed class DiscretionTests
{
    [Theory]
    [InlineData("《公共场所卫生管理条例实施细则》第三十六条", "ps-36")]
    [InlineData("《公共场所卫生管理条例实施细则》第三十七条第一款", "ps-37")]
    [InlineData("公共场所卫生管理条例实施细则 第38条", "ps-38")]
    [InlineData("依据《生活饮用水卫生监督管理办法》第二十六条第（四）项", "water-26")]
    [InlineData("《公共场所卫生管理条例实施细则》第三十九条", null)]
    [InlineData("《生活饮用水卫生监督管理办法》第三十六条", null)]
    [InlineData("《中华人民共和国传染病防治法》第七十三条", null)]
    public void FindsTheBenchmarkFromThePenaltyBasis(string basis, string? code) =>
        Assert.Equal(code, DiscretionBenchmarks.Find(basis));

    [Fact]
    public void MinorCorrectedHarmlessIsNotPenalised_Art33()
    {
        var s = DiscretionBenchmarks.Suggest("ps-36", new Circumstances(false, true, HarmLevel.None, 1) { MinorViolation = true });
        Assert.Equal(CaseOutcome.NoPenaltyMinor, s.Outcome);
        Assert.Equal(Penalty.None, s.Highest);
        Assert.Contains(s.Reasons, r => r.Contains("第三十三条", StringComparison.Ordinal));
    }

    [Theory]
    // Art. 33 ¶1 (second sentence), S3 首违不罚: first violation, corrected, no or minor harm.
    [InlineData(HarmLevel.None)]
    [InlineData(HarmLevel.Minor)]
    public void FirstCorrectedViolationMayGoUnpenalised_Art33(HarmLevel harm)
    {
        var s = DiscretionBenchmarks.Suggest("ps-38", new Circumstances(true, true, harm, 0));
        Assert.Equal(CaseOutcome.NoPenaltyFirstViolation, s.Outcome);
        Assert.Equal("不予处罚", s.Tier);
    }

    [Theory]
    [InlineData("ps-36", false, true, HarmLevel.None, 0, "轻微", 0, 2000)]
    [InlineData("ps-36", true, false, HarmLevel.None, 0, "一般", 2000, 10000)]
    [InlineData("ps-36", false, true, HarmLevel.None, 1, "一般", 2000, 10000)]
    [InlineData("ps-36", false, true, HarmLevel.None, 2, "严重", 10000, 20000)]
    [InlineData("ps-36", true, true, HarmLevel.Serious, 0, "严重", 10000, 20000)]
    [InlineData("ps-37", false, false, HarmLevel.Minor, 0, "一般", 3000, 7000)]
    [InlineData("water-26", false, true, HarmLevel.Minor, 0, "轻微", 20, 1000)]
    public void TierFollowsCorrectionRepetitionAndHarm_Art34(string code, bool first, bool corrected, HarmLevel harm, int earlier, string tier, double lowest, double highest)
    {
        var s = DiscretionBenchmarks.Suggest(code, new Circumstances(first, corrected, harm, earlier));
        Assert.Equal((CaseOutcome.Penalty, tier), (s.Outcome, s.Tier));
        Assert.Equal(((decimal)lowest, (decimal)highest), (s.Lowest.Fine, s.Highest.Fine));
        Assert.Contains(s.Reasons, r => r.Contains(tier, StringComparison.Ordinal));
    }

    [Fact]
    public void SeriousTierOfArticle36ReachesLicenceRevocation() =>
        Assert.Contains("吊销", DiscretionBenchmarks.Suggest("ps-36", new Circumstances(false, false, HarmLevel.Serious, 0)).Highest.Severe);

    [Fact]
    public void TiersStayWithinTheStatutoryRange()
    {
        // LEGAL.md: art. 36 up to 20,000; art. 37 1,000–10,000; art. 38 500–5,000; water art. 26 20–5,000.
        var ranges = new Dictionary<string, (decimal Low, decimal High)> { ["ps-36"] = (0, 20_000), ["ps-37"] = (1_000, 10_000), ["ps-38"] = (500, 5_000), ["water-26"] = (20, 5_000) };
        Assert.Equal(ranges.Keys.Order(), DiscretionBenchmarks.All.Select(b => b.Code).Order());
        Assert.All(DiscretionBenchmarks.All, b =>
        {
            Assert.Equal(["轻微", "一般", "严重"], b.Tiers.Select(t => t.Name));
            Assert.All(b.Tiers, t => Assert.InRange(t.Lowest.Fine, ranges[b.Code].Low, t.Highest.Fine));
            Assert.All(b.Tiers, t => Assert.True(t.Highest.Fine <= ranges[b.Code].High));
        });
        Assert.Contains("verify", DiscretionBenchmarks.Source);
    }

    [Fact]
    public void UnknownBenchmarkIsAnError() =>
        Assert.Throws<ArgumentException>(() => DiscretionBenchmarks.Suggest("nope", new Circumstances(true, true, HarmLevel.None, 0)));
}
