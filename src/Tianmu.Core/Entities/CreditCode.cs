namespace Tianmu.Entities;

/// <summary>统一社会信用代码 — the 18-character unified social credit code of GB 32100-2015.</summary>
public static class CreditCode
{
    /// <summary>The 31 characters the standard uses (no I, O, S, V, Z).</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Weights 3^(i-1) mod 31 for positions 1–17 (GB 32100-2015, 5.2.3).</summary>
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null if any is not in the alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]));
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    public static bool IsValid(string? code) =>
        code is { Length: 18 } && CheckCharacter(code.AsSpan(0, 17)) is { } check && char.ToUpperInvariant(code[17]) == check;
}
