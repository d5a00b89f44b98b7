using System.Security.Cryptography;

namespace Tianmu.Payments;

/// <summary>
/// 缴款码 — the number the party quotes to the payment platform, one per decision. Twenty digits in the shape of
/// China's 非税收入缴款码: the deciding agency's six-digit administrative division code, the two-digit year of issue,
/// eleven random digits and a check digit. Random rather than serial, so a code cannot be guessed from another.
/// </summary>
/// <remarks>
/// The check digit is Damm's (a totally anti-symmetric quasigroup of order 10): it catches every single wrong digit
/// and every swap of two neighbouring digits, the two commonest typing mistakes. The national code's own check
/// algorithm is not public (verify); a platform that validates codes itself only needs the length.
/// </remarks>
public static class PaymentCode
{
    public const int Length = 20;

    private static readonly byte[,] Quasigroup =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    /// <summary>A new code for a decision of the agency of <paramref name="divisionCode"/> issued in <paramref name="year"/>.</summary>
    public static string New(string divisionCode, int year)
    {
        var division = divisionCode.Length == 6 && divisionCode.All(char.IsAsciiDigit) ? divisionCode : "000000";
        var random = string.Concat(Enumerable.Range(0, 11).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        var body = $"{division}{year % 100:00}{random}";
        return body + CheckDigit(body);
    }

    /// <summary>The Damm check digit of a string of digits.</summary>
    public static char CheckDigit(string digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("Only digits have a check digit.", nameof(digits));
            }

            interim = Quasigroup[interim, c - '0'];
        }

        return (char)('0' + interim);
    }

    /// <summary>Twenty digits whose last is the check digit of the others.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(char.IsAsciiDigit) && CheckDigit(code[..^1]) == code[^1];

    /// <summary>The division code a well-formed code starts with (where an unmatched payment is reconciled).</summary>
    public static string? DivisionOf(string? code) => IsWellFormed(code) ? code![..6] : null;
}
