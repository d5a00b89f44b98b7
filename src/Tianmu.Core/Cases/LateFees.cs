using Tianmu.Cases.Procedure;

namespace Tianmu.Cases;

/// <summary>加处罚款 (art. 72): a share of the fine per day late, never more than the fine itself.</summary>
public static class LateFees
{
    /// <summary>
    /// Surcharge owed when paying on <paramref name="paidOn"/> a fine due by <paramref name="dueOn"/>; days under
    /// administrative review or litigation (art. 73) are excluded. Rounded to the fen.
    /// </summary>
    public static decimal Surcharge(ProcedurePolicy policy, decimal fine, DateOnly dueOn, DateOnly paidOn, int excludedDays = 0) =>
        throw new NotImplementedException();
}
