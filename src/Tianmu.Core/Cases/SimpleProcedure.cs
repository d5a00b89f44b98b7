using Tianmu.Cases.Procedure;
using Tianmu.Common;

namespace Tianmu.Cases;

/// <summary>当场处罚 (art. 51/52, S16/Z18): only a warning or a small fine with clear facts and a legal basis.</summary>
public static class SimpleProcedure
{
    /// <summary>Null when the penalty may be decided on the spot; otherwise the reason it may not.</summary>
    public static Error? Refusal(ProcedurePolicy policy, PartyKind party, Penalty penalty, bool factsClear, bool basisGiven) =>
        throw new NotImplementedException();
}
