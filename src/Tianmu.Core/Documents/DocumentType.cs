namespace Tianmu.Documents;

/// <summary>The standard health enforcement documents (卫生行政执法文书规范, 2012, rev. 2017; LEGAL.md).</summary>
public enum DocumentType
{
    /// <summary>案件受理记录</summary>
    AcceptanceRecord,

    /// <summary>立案报告</summary>
    FilingReport,

    /// <summary>现场笔录</summary>
    InspectionRecord,

    /// <summary>询问笔录</summary>
    InquiryRecord,

    /// <summary>证据先行登记保存决定书</summary>
    PreservationDecision,

    /// <summary>案件调查终结报告</summary>
    InvestigationReport,

    /// <summary>合议记录 / 集体讨论记录</summary>
    DiscussionRecord,

    /// <summary>法制审核意见书</summary>
    LegalReviewOpinion,

    /// <summary>行政处罚事先告知书</summary>
    PriorNotice,

    /// <summary>听证告知书 / 听证通知书</summary>
    HearingNotice,

    /// <summary>听证笔录</summary>
    HearingRecord,

    /// <summary>行政处罚决定书</summary>
    PenaltyDecision,

    /// <summary>当场行政处罚决定书</summary>
    OnTheSpotDecision,

    /// <summary>不予行政处罚决定书</summary>
    NoPenaltyDecision,

    /// <summary>送达回执</summary>
    ServiceReceipt,

    /// <summary>催告书 (行政强制法 art. 54)</summary>
    Demand,

    /// <summary>结案报告</summary>
    ClosingReport,

    /// <summary>卫生监督意见书 / 整改通知</summary>
    SupervisionOpinion,
}
