using Tianmu.Entities;

namespace Tianmu.Tests.Entities;

/// <summary>GB 11643-1999 resident ID numbers: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check "10X98765432".</summary>
public sealed class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("440524188001010014")]
    public void AcceptsValidNumbers(string id) => Assert.True(IdNumber.IsValid(id));

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("11010519491231002")]
    [InlineData("1101051949123100AX")]
    [InlineData(null)]
    public void RefusesInvalidNumbers(string? id) => Assert.False(IdNumber.IsValid(id));

    [Fact]
    public void MasksTheMiddle() => Assert.Equal("110105********002X", IdNumber.Mask("11010519491231002X"));
}
