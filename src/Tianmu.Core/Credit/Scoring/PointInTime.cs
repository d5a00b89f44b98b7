using Tianmu.Common;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// The day a grade describes (S10, Z4; issue 9 "recomputation at any past date gives the grade the entity had
/// then"): a fact counts when it was known by the end of <see cref="AsOf"/> (China time), its age is measured
/// to that day, and a fact an approved repair covers on that day (<see cref="CreditRepair.RepairsOn"/>) no longer counts.
/// </summary>
public sealed class PointInTime(DateOnly asOf, IReadOnlyList<CreditRepair> repairs)
{
    public DateOnly AsOf { get; } = asOf;

    /// <summary>The instant the day ends in China: facts at or after it were not yet known.</summary>
    public DateTimeOffset End { get; } = EndOf(asOf);

    /// <summary>Midnight after <paramref name="day"/> in China, as a UTC instant (PostgreSQL takes no other offset).</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    public bool Known(DateTimeOffset at) => at < End;

    public bool Known(DateOnly on) => on <= AsOf;

    public int AgeDays(DateOnly on) => AsOf.DayNumber - on.DayNumber;

    public int AgeDays(DateTimeOffset at) => AgeDays(ChinaTime.DateOf(at));

    public bool Repaired(string kind, Guid id)
    {
        foreach (var repair in repairs)
        {
            if (repair.FactId == id && repair.FactKind == kind && repair.RepairsOn(AsOf))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Half-life decay: a fact weighs half as much after each <c>halfLifeDays</c>; zero half-life means no decay.</summary>
public static class Decay
{
    public static double Factor(int ageDays, double halfLifeDays) =>
        halfLifeDays <= 0 ? 1 : Math.Pow(0.5, Math.Max(0, ageDays) / halfLifeDays);
}
