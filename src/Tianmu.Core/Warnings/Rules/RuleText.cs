using System.Globalization;

namespace Tianmu.Warnings.Rules;

/// <summary>The numbers and spans in episode summaries, written the same way by every rule.</summary>
internal static class RuleText
{
    /// <summary>A value as people read it: up to four decimals, no trailing zeros, never a locale comma.</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A value with its unit, e.g. "0.3 mg/L" or "7.2" when the metric has none.</summary>
    public static string Quantity(double value, string? unit) =>
        string.IsNullOrEmpty(unit) ? Number(value) : $"{Number(value)} {unit}";

    /// <summary>A span in the largest two units, e.g. "2 小时 5 分钟", "18 分钟", "40 秒".</summary>
    public static string Span(TimeSpan span)
    {
        if (span >= TimeSpan.FromDays(1))
        {
            return Two(span.Days, "天", span.Hours, "小时");
        }

        if (span >= TimeSpan.FromHours(1))
        {
            return Two(span.Hours, "小时", span.Minutes, "分钟");
        }

        return span >= TimeSpan.FromMinutes(1)
            ? $"{span.Minutes} 分钟"
            : $"{Math.Max(0, (int)span.TotalSeconds)} 秒";

        static string Two(int major, string majorUnit, int minor, string minorUnit) =>
            minor == 0 ? $"{major} {majorUnit}" : $"{major} {majorUnit} {minor} {minorUnit}";
    }

    /// <summary>The rule's limits, e.g. "限值 0.3–1 mg/L", "下限 0.3 mg/L", "上限 1 NTU".</summary>
    public static string Limits(RuleDefinition rule) => (rule.Min, rule.Max) switch
    {
        ({ } min, { } max) => $"限值 {Number(min)}–{Quantity(max, rule.Unit)}",
        ({ } min, null) => $"下限 {Quantity(min, rule.Unit)}",
        (null, { } max) => $"上限 {Quantity(max, rule.Unit)}",
        _ => "限值",
    };
}
