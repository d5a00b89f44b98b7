using System.Globalization;
using Tianmu.Common;

namespace Tianmu.Simulator.Signals;

/// <summary>A field of a self-report form, as far as the simulator needs it.</summary>
public sealed record FieldSpec(string Code, string Type, string? Metric, bool Required);

/// <summary>
/// A pool's morning water self-test, as a pure function of the day: when the staff test (08:00–08:40
/// China time, before opening), which past days they skipped, and what they write down — the water's
/// true values, or, for a pool that copies a compliant chlorine value, ≈ 0.6 mg/L whatever the water holds.
/// </summary>
public static class SelfTest
{
    /// <summary>Share of past days a pool did not report, so overdue detection has something to find.</summary>
    public const double SkipShare = 0.25;

    /// <summary>Free chlorine below this is below the GB 37488-2019 floor.</summary>
    public const double ChlorineFloor = 0.3;

    public static DateTimeOffset MorningOf(string key, DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), ChinaTime.Offset).AddMinutes(Math.Round(20 + 20 * Noise.At(key + "/morning", Midnight(day))));

    public static bool Skipped(string key, DateOnly day) => Noise.Chance(key + "/skip", Midnight(day), SkipShare);

    /// <summary>
    /// Whether today's report is made at <paramref name="now"/>: from the morning test on (at once on the
    /// simulator's first day, whatever the hour, so a demo shows reports). A copying pool fills in the
    /// form while its chlorinator has failed: the report the sensor contradicts.
    /// </summary>
    public static bool ReportsNow(string key, ReporterPlan plan, DeviceSignal sensor, DateOnly startDay, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var due = today == startDay || now >= MorningOf(key, today);
        var waitsForLowChlorine = plan.CopiesGoodChlorine && sensor.Episodes.Any(e => e.Kind == EpisodeKind.LowChlorine);
        return due && (!waitsForLowChlorine || sensor.InEpisode(EpisodeKind.LowChlorine, now));
    }

    /// <summary>The values written down at <paramref name="t"/>, by field code; null when a required field is one the simulator cannot fill.</summary>
    public static Dictionary<string, string>? Values(IReadOnlyList<FieldSpec> fields, ReporterPlan plan, DeviceSignal sensor, DateTimeOffset t)
    {
        var truth = sensor.Truth(t).ToDictionary(s => s.Metric, s => s.Value);
        var values = new Dictionary<string, string>();
        foreach (var field in fields)
        {
            var metric = field.Metric ?? field.Code;
            double? number = plan.CopiesGoodChlorine && metric == "free_chlorine"
                ? 0.6 + 0.04 * Noise.At(sensor.Key + "/copied", t)
                : truth.TryGetValue(metric, out var v) ? v : null;
            string? value = field.Type switch
            {
                "Number" when number is { } n => Math.Round(n, metric == "water_temperature" ? 1 : 2).ToString(CultureInfo.InvariantCulture),
                "YesNo" => "是",
                _ => null,
            };
            if (value is not null)
            {
                values[field.Code] = value;
            }
            else if (field.Required)
            {
                return null;
            }
        }

        return values;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
}
