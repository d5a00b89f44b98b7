using Tianmu.Cases.Procedure;

namespace Tianmu.Cases;

/// <summary>加处罚款 (art. 72): a share of the fine per day late, never more than the fine itself.</summary>
public static class LateFees
{
    /// <summary>
    /// Surcharge owed when paying on <paramref name="paidOn"/> a fine due by <paramref name="dueOn"/>; days under
    /// administrative review or litigation (art. 73) are excluded. Rounded to the fen.
    /// </summary>
    /// <remarks>
    /// Counts each calendar day after <paramref name="dueOn"/> up to and including <paramref name="paidOn"/>
    /// (paying on the due day costs nothing), less the excluded days, times the daily rate times the fine.
    /// </remarks>
    public static decimal Surcharge(ProcedurePolicy policy, decimal fine, DateOnly dueOn, DateOnly paidOn, int excludedDays = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fine);
        ArgumentOutOfRangeException.ThrowIfNegative(excludedDays);
        var days = Math.Max(0, paidOn.DayNumber - dueOn.DayNumber - excludedDays);
        var surcharge = Math.Round(fine * policy.SurchargePerDay * days, 2, MidpointRounding.AwayFromZero);
        return Math.Min(surcharge, fine);
    }
}
