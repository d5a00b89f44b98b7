using Tianmu.Cases.Procedure;

namespace Tianmu.Cases;

/// <summary>
/// A period of 行政复议 or 行政诉讼 (art. 73 ¶3): from the day the party applied or filed suit to the day of the review
/// decision or judgment, both included; <see cref="To"/> is null while it is still open.
/// </summary>
public readonly record struct RemedyPeriod(DateOnly From, DateOnly? To)
{
    /// <summary>Whether <paramref name="day"/> falls inside the period; an open period runs on to any later day.</summary>
    public bool Covers(DateOnly day) => From <= day && (To is not { } to || day <= to);
}

/// <summary>加处罚款 (art. 72): a share of the fine per day late, never more than the fine itself.</summary>
public static class LateFees
{
    /// <summary>
    /// Surcharge owed when paying on <paramref name="paidOn"/> a fine due by <paramref name="dueOn"/>; days inside any
    /// of <paramref name="remedies"/> (administrative review or litigation, art. 73 ¶3) are not counted. Rounded to the fen.
    /// </summary>
    /// <remarks>
    /// Counts each calendar day after <paramref name="dueOn"/> up to and including <paramref name="paidOn"/>
    /// (paying on the due day costs nothing) that no remedy period covers, times the daily rate times the fine.
    /// Overlapping periods exclude a day once; an open period excludes every day from its start to the day paid.
    /// </remarks>
    public static decimal Surcharge(ProcedurePolicy policy, decimal fine, DateOnly dueOn, DateOnly paidOn, IReadOnlyList<RemedyPeriod>? remedies = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fine);
        var days = LateDays(dueOn, paidOn, remedies ?? []);
        var surcharge = Math.Round(fine * policy.SurchargePerDay * days, 2, MidpointRounding.AwayFromZero);
        return Math.Min(surcharge, fine);
    }

    /// <summary>The days after <paramref name="dueOn"/> up to <paramref name="paidOn"/> that count for the surcharge.</summary>
    public static int LateDays(DateOnly dueOn, DateOnly paidOn, IReadOnlyList<RemedyPeriod> remedies)
    {
        var days = 0;
        for (var day = dueOn.AddDays(1); day <= paidOn; day = day.AddDays(1))
        {
            days += remedies.Any(r => r.Covers(day)) ? 0 : 1;
        }

        return days;
    }
}
