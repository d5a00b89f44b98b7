using System.Security.Cryptography;
using System.Text;
using Tianmu.Catalog;

namespace Tianmu.Tests.Catalog;

/// <summary>Z5: a draw anyone can reproduce from the published seed and population.</summary>
public sealed class SelectionDrawTests
{
    private static readonly string[] Population = ["91370102MA01X0037T", "91370102MA02X0074A", "91370102MA03X0111H", "91370102MA07X0259D", "01a2-individual"];

    [Fact]
    public void TheDrawIsTheNLowestSha256RanksOfSeedBarKey()
    {
        var expected = Population
            .OrderBy(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("公开种子-2026|" + k))), StringComparer.Ordinal)
            .Take(2);
        Assert.Equal(expected, SelectionDraw.Draw("公开种子-2026", Population, 2));
    }

    [Fact]
    public void TheOrderOfThePopulationDoesNotMatter() =>
        Assert.Equal(SelectionDraw.Draw("s", Population, 3), SelectionDraw.Draw("s", Population.Reverse(), 3));

    [Fact]
    public void ADifferentSeedGivesADifferentRanking() =>
        Assert.NotEqual(SelectionDraw.Draw("a", Population, 5), SelectionDraw.Draw("b", Population, 5));
}
