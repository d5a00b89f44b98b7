using Tianmu.Cases;
using Tianmu.Documents;

namespace Tianmu.Service;

/// <summary>
/// Which documents are served on the party (the others — 笔录, 报告, 记录, 回执 — are the agency's own records) and
/// which case step serving one takes: the prior notice moves the case to 已告知 from the day it is served (行政处罚法第四十四条),
/// a decision to 已送达 (第六十一条), from which the payment period runs (第六十七条).
/// </summary>
public static class ServedDocuments
{
    private static readonly Dictionary<DocumentType, (CaseAction? Step, CaseStage? From)> Types = new()
    {
        [DocumentType.PriorNotice] = (CaseAction.ServePriorNotice, CaseStage.Approved),
        [DocumentType.PenaltyDecision] = (CaseAction.RecordService, CaseStage.Decided),
        [DocumentType.NoPenaltyDecision] = (CaseAction.RecordService, CaseStage.Decided),
        [DocumentType.OnTheSpotDecision] = (CaseAction.RecordService, CaseStage.Decided),
        [DocumentType.HearingNotice] = (null, null),
        [DocumentType.PreservationDecision] = (null, null),
        [DocumentType.Demand] = (null, null),
        [DocumentType.SupervisionOpinion] = (null, null),
    };

    public static bool IsServed(DocumentType type) => Types.ContainsKey(type);

    /// <summary>The case step serving a case's document of this type takes, and the stage the case must be at; nulls when none.</summary>
    public static (CaseAction? Step, CaseStage? From) StepOf(DocumentType type) => Types.TryGetValue(type, out var step) ? step : (null, null);
}
