using Tianmu.Cases.Procedure;

namespace Tianmu.Cases;

/// <summary>追责时效 (art. 36): two years, five where life or health safety was harmed, from the violation or its end.</summary>
public static class LimitationPeriod
{
    /// <summary>The last day a violation that ended on <paramref name="violationEndedOn"/> may still be penalised.</summary>
    /// <remarks>Pure date arithmetic: the same day N years later (29 February → 28 February); no working-day roll-forward, since this is not a time limit for an act of the party.</remarks>
    public static DateOnly LastDay(ProcedurePolicy policy, DateOnly violationEndedOn, bool healthHarm) =>
        violationEndedOn.AddYears(healthHarm ? policy.LimitationYearsHealthHarm : policy.LimitationYears);

    public static bool Expired(ProcedurePolicy policy, DateOnly violationEndedOn, bool healthHarm, DateOnly on) => on > LastDay(policy, violationEndedOn, healthHarm);
}
