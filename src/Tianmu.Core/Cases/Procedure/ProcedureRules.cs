using Tianmu.Calendar;
using Tianmu.Common;

namespace Tianmu.Cases.Procedure;

/// <summary>
/// The procedure as a table plus the guards of each step. <see cref="Check"/> answers whether an actor
/// may take an action on a case today and where it leads; refusals are <see cref="Error"/>s with a stable
/// code and a Chinese detail naming what is missing.
/// </summary>
public static class ProcedureRules
{
    /// <summary>Every step, in the order of the general procedure, then the simple procedure and the cross-cutting ones.</summary>
    public static IReadOnlyList<ProcedureStep> Steps => throw new NotImplementedException();

    public static ProcedureStep Step(CaseAction action) => throw new NotImplementedException();

    /// <summary>The stage the action leads to, or why it is refused (role, stage, precondition, deadline).</summary>
    public static Result<CaseStage> Check(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts facts, CaseAction action, CaseActor actor, DateOnly today) =>
        throw new NotImplementedException();

    /// <summary>Actions the actor could take now (ignoring per-request inputs such as the requested penalty), for the case page's buttons.</summary>
    public static IReadOnlyList<CaseAction> Available(ProcedurePolicy policy, WorkingCalendar calendar, CaseFacts facts, CaseActor actor, DateOnly today) =>
        throw new NotImplementedException();
}

/// <summary>The versions of the procedure policy, loaded from the embedded data files.</summary>
public static class ProcedurePolicies
{
    public static IReadOnlyList<ProcedurePolicy> All => throw new NotImplementedException();

    /// <summary>The policy in force on <paramref name="date"/> (a case's filing date, or its acceptance date before filing).</summary>
    public static ProcedurePolicy For(DateOnly date) => throw new NotImplementedException();
}
