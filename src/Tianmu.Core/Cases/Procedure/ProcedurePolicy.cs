namespace Tianmu.Cases.Procedure;

/// <summary>
/// The limits of one version of the health penalty procedure, chosen by the case's filing date
/// (LEGAL.md: 1997 《卫生行政处罚程序》 before 2025-06-01, 国家卫生健康委令第13号 from then). Shipped as
/// data (Cases/Procedure/Policies/*.json); limits the sources leave open are configuration.
/// </summary>
public sealed record ProcedurePolicy
{
    public required string Version { get; init; }

    public required string Name { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>受理 → 立案.</summary>
    public required Period Filing { get; init; }

    /// <summary>立案 → 决定 (art. 60: 90 days; 1997 rules: 3 months).</summary>
    public required Period Decision { get; init; }

    /// <summary>决定 → 送达 (art. 61: 7 working days).</summary>
    public required Period Service { get; init; }

    /// <summary>事先告知 → 陈述申辩 (3 working days).</summary>
    public required Period Statement { get; init; }

    /// <summary>事先告知 → 听证申请 (art. 64(一): 5 working days).</summary>
    public required Period HearingRequest { get; init; }

    /// <summary>听证通知 → 听证 at least (art. 64(二): 7 working days).</summary>
    public required Period HearingNoticeLead { get; init; }

    /// <summary>先行登记保存 → 处理决定 (art. 56: 7 working days).</summary>
    public required Period Preservation { get; init; }

    /// <summary>送达决定 → 缴款 (art. 67: 15 days).</summary>
    public required Period Payment { get; init; }

    /// <summary>加处罚款 per day as a fraction (art. 72: 0.03), capped at the fine.</summary>
    public required decimal SurchargePerDay { get; init; }

    /// <summary>当场处罚 fine limits in 元 (art. 51).</summary>
    public required decimal SimpleFineLimitIndividual { get; init; }

    public required decimal SimpleFineLimitOrganisation { get; init; }

    /// <summary>较大数额罚款 giving a right to a hearing (art. 63; provincial, configurable).</summary>
    public required decimal HearingFineThresholdIndividual { get; init; }

    public required decimal HearingFineThresholdOrganisation { get; init; }

    /// <summary>Where the hearing thresholds come from; says "(verify)" while they rest on secondary sources.</summary>
    public string HearingThresholdBasis { get; init; } = "";

    /// <summary>Years of the limitation period (art. 36): ordinary and where life/health safety was harmed.</summary>
    public required int LimitationYears { get; init; }

    public required int LimitationYearsHealthHarm { get; init; }

    public string LimitationBasis { get; init; } = "";

    /// <summary>The hearing threshold for a party kind (art. 63 较大数额).</summary>
    public decimal HearingFineThreshold(PartyKind party) =>
        party == PartyKind.Individual ? HearingFineThresholdIndividual : HearingFineThresholdOrganisation;

    /// <summary>The on-the-spot fine limit for a party kind (art. 51).</summary>
    public decimal SimpleFineLimit(PartyKind party) =>
        party == PartyKind.Individual ? SimpleFineLimitIndividual : SimpleFineLimitOrganisation;

    /// <summary>
    /// True when <paramref name="penalty"/> gives the party a right to a hearing (art. 63): a fine or
    /// confiscation of at least the provincial 较大数额 for the party's kind, or a severe measure.
    /// </summary>
    public bool GivesHearingRight(PartyKind party, Penalty? penalty) =>
        penalty is not null
        && (penalty.Severe is not null
            || penalty.Fine >= HearingFineThreshold(party)
            || penalty.Confiscation >= HearingFineThreshold(party));

    /// <summary>Grounds on which the decision deadline may be extended, with the longest extension each allows.</summary>
    public required IReadOnlyList<Ground> ExtensionGrounds { get; init; }

    /// <summary>Grounds for 中止; time suspended does not count against the decision deadline.</summary>
    public required IReadOnlyList<Ground> SuspensionGrounds { get; init; }

    /// <summary>Reasons an agency might give that the law does not accept (recorded refusals, LEGAL.md).</summary>
    public required IReadOnlyList<Ground> RefusedGrounds { get; init; }
}

/// <summary>A statutory period: a count of working or calendar days, or of months.</summary>
public sealed record Period(int Count, PeriodUnit Unit, string Basis);

public enum PeriodUnit
{
    WorkingDays,
    CalendarDays,
    Months,
}

/// <summary>A ground for extension or suspension: stable code, Chinese text, the longest period it allows (null = until the ground ends).</summary>
public sealed record Ground(string Code, string Text, Period? Longest, string Basis);
