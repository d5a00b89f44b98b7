namespace Tianmu.Cases;

/// <summary>Where a case came from (受理 records it).</summary>
public enum CaseSource
{
    /// <summary>预警转线索 — a warning turned into a clue.</summary>
    Warning,

    /// <summary>省级平台推送 (Z8).</summary>
    ProvincialClue,

    /// <summary>投诉举报</summary>
    Complaint,

    /// <summary>执法人员自行发现 — an officer's own finding.</summary>
    OwnFinding,
}

public enum CaseProcedureKind
{
    /// <summary>简易程序（当场处罚）art. 51/52.</summary>
    Simple,

    /// <summary>普通程序</summary>
    General,
}

/// <summary>The outcome proposed after investigation and decided by the head (art. 57).</summary>
public enum CaseOutcome
{
    /// <summary>给予行政处罚</summary>
    Penalty,

    /// <summary>不予处罚 — minor, corrected promptly, no harm (art. 33 ¶1, mandatory).</summary>
    NoPenaltyMinor,

    /// <summary>不予处罚 — first violation, minor harm, corrected (art. 33 ¶1, may; 首违不罚, S3).</summary>
    NoPenaltyFirstViolation,

    /// <summary>违法事实不能成立</summary>
    NotEstablished,

    /// <summary>移送</summary>
    Transfer,
}

/// <summary>The party's kind, which sets the simple-procedure and hearing thresholds.</summary>
public enum PartyKind
{
    /// <summary>公民</summary>
    Individual,

    /// <summary>法人或者其他组织</summary>
    Organisation,
}
