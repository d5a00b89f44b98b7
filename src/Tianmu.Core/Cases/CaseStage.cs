namespace Tianmu.Cases;

/// <summary>
/// Where a case stands: the step it is waiting at (BRIEF "The flow": 受理 → 立案 → 调查取证 → 调查终结 →
/// 法制审核 → 集体讨论 → 审批 → 事先告知 → 陈述申辩/听证 → 决定 → 送达 → 执行 → 结案 → 归档).
/// Optional steps (legal review, discussion, hearing) are skipped when the case does not need them.
/// </summary>
public enum CaseStage
{
    /// <summary>已受理 — source recorded; waiting for the head's filing decision.</summary>
    Accepted,

    /// <summary>调查取证 — filed (立案); officers collect evidence.</summary>
    Investigating,

    /// <summary>调查终结 — report written and an outcome proposed.</summary>
    InvestigationConcluded,

    /// <summary>法制审核完成 (art. 58).</summary>
    LegalReviewed,

    /// <summary>集体讨论完成 (art. 57 ¶2).</summary>
    Discussed,

    /// <summary>负责人已审批 the proposed outcome.</summary>
    Approved,

    /// <summary>已事先告知 (art. 44/45): the statement and hearing-request windows run.</summary>
    Notified,

    /// <summary>当事人已申请听证 (art. 64).</summary>
    HearingRequested,

    /// <summary>已通知听证 — hearing noticed at least 7 working days ahead.</summary>
    HearingNoticed,

    /// <summary>已听证</summary>
    Heard,

    /// <summary>已作出决定 (art. 59), numbered document issued.</summary>
    Decided,

    /// <summary>已送达 the decision.</summary>
    Served,

    /// <summary>执行完毕 — paid in full or otherwise executed.</summary>
    Executed,

    /// <summary>已结案</summary>
    Closed,

    /// <summary>已归档 — read-only from now on.</summary>
    Archived,

    /// <summary>不予立案 — closed at acceptance.</summary>
    NotFiled,

    /// <summary>已移送 (art. 57 ¶1(四), art. 27).</summary>
    Transferred,
}
