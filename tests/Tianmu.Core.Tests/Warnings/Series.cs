using Tianmu.Warnings.Rules;

namespace Tianmu.Tests.Warnings;

/// <summary>Hand-made series and the rules of the packs they exercise (limits from STANDARDS.md).</summary>
internal static class Series
{
    public static readonly DateTimeOffset Midnight = new(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8));

    public static DateTimeOffset At(double minutes) => Midnight.AddMinutes(minutes);

    /// <summary>One usable reading a minute from midnight.</summary>
    public static List<Sample> Minutely(params double[] values) =>
        [.. values.Select((v, i) => new Sample(At(i), v, true))];

    /// <summary>Usable readings at the given minutes.</summary>
    public static List<Sample> AtMinutes(double value, params double[] minutes) =>
        [.. minutes.Select(m => new Sample(At(m), value, true))];

    public static double[] Repeat(double value, int count) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>GB 37488-2019 swimming-pool water: free chlorine 0.3–1.0 mg/L.</summary>
    public static RuleDefinition PoolChlorine(TimeSpan? duration = null) => new()
    {
        Code = "pool.free_chlorine",
        Name = "游离性余氯",
        Kind = RuleKind.Threshold,
        Category = WarningCategory.Violation,
        Metric = "free_chlorine",
        Unit = "mg/L",
        Min = 0.3,
        Max = 1.0,
        Duration = duration ?? TimeSpan.FromMinutes(10),
        Hysteresis = 0.05,
        Clause = "GB 37488-2019 人工游泳池水质 游离性余氯 0.3–1.0 mg/L",
    };

    public static void SameEpisode(Episode expected, Episode actual)
    {
        Assert.Equal((expected.Start, expected.RaisedAt, expected.End, expected.Summary), (actual.Start, actual.RaisedAt, actual.End, actual.Summary));
        Assert.Equal(expected.Evidence, actual.Evidence);
    }
}
