namespace Tianmu.Entities;

/// <summary>公民身份号码 — the 18-character resident ID number of GB 11643-1999 with its check character.</summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    public static bool IsValid(string? id) =>
        id is { Length: 18 } && CheckCharacter(id.AsSpan(0, 17)) is { } check && char.ToUpperInvariant(id[17]) == check;

    /// <summary>The check character (0–9 or X) for the first 17 digits, or null if they are not 17 digits.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || !first17.ContainsOnlyDigits())
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return Checks[sum % 11];
    }

    /// <summary>370102199001011234 → 370102********1234.</summary>
    public static string Mask(string? id) => id is { Length: 18 } ? id[..6] + "********" + id[^4..] : id is null ? "" : new string('*', id.Length);

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
