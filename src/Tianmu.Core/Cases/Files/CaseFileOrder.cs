using Tianmu.Documents;

namespace Tianmu.Cases.Files;

/// <summary>What fills a section of the case file: one of the case's issued documents, or a page the file makes itself.</summary>
public enum CaseFileSectionKind
{
    /// <summary>卷宗封面</summary>
    Cover,

    /// <summary>卷内目录</summary>
    Contents,

    /// <summary>Every issued document of <see cref="CaseFileSection.Document"/>, in the order issued.</summary>
    Document,

    /// <summary>证据清单 — the evidence items the case relies on, with their SHA-256.</summary>
    EvidenceList,

    /// <summary>陈述申辩及复核记录 — from case_statements.</summary>
    Statements,

    /// <summary>送达及执行记录 — the service and payment steps of the timeline.</summary>
    ServiceAndExecution,

    /// <summary>备考表 — pages, who assembled the file and when.</summary>
    ClosingNote,
}

/// <summary>One place in the order of the case file and its Chinese name.</summary>
public sealed record CaseFileSection(CaseFileSectionKind Kind, string Name, DocumentType? Document = null);

/// <summary>
/// The order of a 卫生行政处罚案卷 (卫生行政执法文书规范; common 案卷 practice, 行政处罚法 art. 47): cover and
/// contents, then the documents in procedural order — acceptance and filing, evidence, the investigation's end,
/// review and discussion, notice, the party's statements, hearing, decision, service and execution, closing —
/// and the 备考表 last. Sections with nothing in them are left out of the assembled file.
/// </summary>
public static class CaseFileOrder
{
    public static readonly IReadOnlyList<CaseFileSection> Sections =
    [
        new(CaseFileSectionKind.Cover, "卷宗封面"),
        new(CaseFileSectionKind.Contents, "卷内目录"),
        Doc(DocumentType.AcceptanceRecord),
        Doc(DocumentType.FilingReport),
        new(CaseFileSectionKind.EvidenceList, "证据清单"),
        Doc(DocumentType.InspectionRecord),
        Doc(DocumentType.InquiryRecord),
        Doc(DocumentType.PreservationDecision),
        Doc(DocumentType.SupervisionOpinion),
        Doc(DocumentType.InvestigationReport),
        Doc(DocumentType.LegalReviewOpinion),
        Doc(DocumentType.DiscussionRecord),
        Doc(DocumentType.PriorNotice),
        new(CaseFileSectionKind.Statements, "陈述申辩及复核记录"),
        Doc(DocumentType.HearingNotice),
        Doc(DocumentType.HearingRecord),
        Doc(DocumentType.PenaltyDecision),
        Doc(DocumentType.OnTheSpotDecision),
        Doc(DocumentType.NoPenaltyDecision),
        Doc(DocumentType.ServiceReceipt),
        new(CaseFileSectionKind.ServiceAndExecution, "送达及执行记录"),
        Doc(DocumentType.Demand),
        Doc(DocumentType.ClosingReport),
        new(CaseFileSectionKind.ClosingNote, "备考表"),
    ];

    private static CaseFileSection Doc(DocumentType type) => new(CaseFileSectionKind.Document, DocumentTypes.Of(type).Name, type);
}
