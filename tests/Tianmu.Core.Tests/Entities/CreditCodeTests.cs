using Tianmu.Entities;

namespace Tianmu.Tests.Entities;

/// <summary>GB 32100-2015 check character (weights 3^(i-1) mod 31, alphabet without I O S V Z).</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the standard's own example
    [InlineData("914403001922038216")] // published codes of two companies
    [InlineData("91110108551385082Q")]
    public void AcceptsValidCodes(string code) => Assert.True(CreditCode.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44")] // wrong check character
    [InlineData("91350100M000100Y4")]  // too short
    [InlineData("91350100I000100Y43")] // I is not in the alphabet
    [InlineData(null)]
    public void RefusesInvalidCodes(string? code) => Assert.False(CreditCode.IsValid(code));
}
