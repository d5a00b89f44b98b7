using Tianmu.Payments;

namespace Tianmu.Tests.Payments;

/// <summary>缴款码: twenty digits, division and year first, a Damm check digit that catches the common typing mistakes.</summary>
public sealed class PaymentCodeTests
{
    [Theory]
    [InlineData("572", '4')] // the worked example of Damm's algorithm
    [InlineData("0", '0')]
    [InlineData("1", '3')]
    public void CheckDigitIsDamms(string digits, char check) => Assert.Equal(check, PaymentCode.CheckDigit(digits));

    [Fact]
    public void ANewCodeNamesTheDivisionAndYearAndChecksItself()
    {
        var code = PaymentCode.New("370102", 2026);

        Assert.Equal(20, code.Length);
        Assert.StartsWith("37010226", code, StringComparison.Ordinal);
        Assert.True(PaymentCode.IsWellFormed(code));
        Assert.Equal("370102", PaymentCode.DivisionOf(code));
        Assert.NotEqual(code, PaymentCode.New("370102", 2026)); // random, not serial
    }

    [Fact]
    public void EverySingleWrongDigitAndEveryNeighbourSwapIsCaught()
    {
        for (var n = 0; n < 50; n++)
        {
            var code = PaymentCode.New("370102", 2026);
            for (var i = 0; i < code.Length; i++)
            {
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d != code[i])
                    {
                        Assert.False(PaymentCode.IsWellFormed(code[..i] + d + code[(i + 1)..]), $"{code}: digit {i} → {d}");
                    }
                }

                if (i + 1 < code.Length && code[i] != code[i + 1])
                {
                    Assert.False(PaymentCode.IsWellFormed(code[..i] + code[i + 1] + code[i] + code[(i + 2)..]), $"{code}: swap {i}");
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3701022612345678901")] // 19 digits
    [InlineData("37010226123456789012X")]
    [InlineData("3701022612345678901A")]
    public void MalformedCodesAreNotWellFormed(string? code)
    {
        Assert.False(PaymentCode.IsWellFormed(code));
        Assert.Null(PaymentCode.DivisionOf(code));
    }
}
