namespace Tianmu.Cases;

/// <summary>What a person does to a case. Each is one row of <see cref="Procedure.ProcedureRules.Steps"/>.</summary>
public enum CaseAction
{
    /// <summary>立案 — head approves filing; at least two credentialed officers assigned (art. 42, 54).</summary>
    File,

    /// <summary>不予立案 — head decides the filing standard is not met.</summary>
    RefuseFiling,

    /// <summary>先行登记保存 approved by the head where evidence may be lost (art. 56); a decision on it is due within 7 working days.</summary>
    PreserveEvidence,

    /// <summary>先行登记保存的处理决定 recorded (returned, confiscated, transferred…) within 7 working days (art. 56).</summary>
    HandlePreservedEvidence,

    /// <summary>调查终结 — investigation report and proposed outcome (art. 57).</summary>
    ConcludeInvestigation,

    /// <summary>法制审核 — passed or returned with opinions (art. 58).</summary>
    RecordLegalReview,

    /// <summary>集体讨论 — participants, opinions and conclusion (art. 57 ¶2).</summary>
    RecordDiscussion,

    /// <summary>负责人审批 of the proposed outcome.</summary>
    Approve,

    /// <summary>事先告知 — prior notice served (art. 44); starts the statement and hearing windows.</summary>
    ServePriorNotice,

    /// <summary>陈述申辩 recorded (from the party, on paper or through the portal).</summary>
    RecordStatement,

    /// <summary>复核 of the party's statement; never raises the penalty (art. 45).</summary>
    ReviewStatement,

    /// <summary>The party expressly waives statement and hearing (art. 62).</summary>
    WaiveRights,

    /// <summary>听证申请 within 5 working days of the notice (art. 64(一)).</summary>
    RequestHearing,

    /// <summary>听证通知 — date at least 7 working days ahead, chair not an investigator (art. 64(二)(四)).</summary>
    NoticeHearing,

    /// <summary>听证笔录 recorded; a no-show counts as waiver (art. 64(八)).</summary>
    RecordHearing,

    /// <summary>决定 — penalty / no penalty / facts not established (art. 57, 59); general procedure.</summary>
    Decide,

    /// <summary>移送 — to the judiciary or another agency.</summary>
    Transfer,

    /// <summary>当场处罚 — simple procedure decision (art. 51/52).</summary>
    DecideOnTheSpot,

    /// <summary>送达 of the decision recorded (method and date).</summary>
    RecordService,

    /// <summary>缴款 / 执行 recorded; moves on when the fine and surcharge are paid in full.</summary>
    RecordPayment,

    /// <summary>暂缓或者分期缴纳罚款 approved on the party's application (art. 66): a new last day to pay; instalments are partial payments before it.</summary>
    DeferPayment,

    /// <summary>
    /// 申请行政复议或者提起行政诉讼 recorded (review body or court, date, case number). Execution does not stop
    /// (art. 73 ¶1); the surcharge is not counted while it runs (art. 73 ¶3).
    /// </summary>
    RecordRemedy,

    /// <summary>复议决定或者判决 recorded (date and outcome): the surcharge counts again from the next day (art. 73 ¶3).</summary>
    EndRemedy,

    /// <summary>结案</summary>
    Close,

    /// <summary>归档</summary>
    Archive,

    /// <summary>中止 — with an allowed ground, approved by the head; stops the decision clock.</summary>
    Suspend,

    /// <summary>恢复 after a suspension.</summary>
    Resume,

    /// <summary>延期 of the decision deadline, approved, with a recorded ground.</summary>
    Extend,
}
