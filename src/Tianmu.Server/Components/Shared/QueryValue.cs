using System.Globalization;

namespace Tianmu.Server.Components.Shared;

/// <summary>
/// Lenient readers for query-string values. Blazor's typed [SupplyParameterFromQuery] throws on a
/// value it cannot parse, which would turn a mistyped URL into a 500; pages take strings and read
/// them here, treating nonsense as absent.
/// </summary>
public static class QueryValue
{
    public static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static Guid? Guid(string? text) => System.Guid.TryParse(text, out var v) ? v : null;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;

    public static bool Flag(string? text) => text is "1" or "true" or "True";
}
