namespace Tianmu.Documents;

/// <summary>One field of a document type's form: key (a <c>{{key}}</c> in the template), Chinese label, multiline, required to issue.</summary>
public sealed record DocumentField(string Key, string Label, bool Multiline = false, bool Required = false);

/// <summary>
/// What a document type is: its Chinese name, whether it carries a 文号 (and its nature code), and its form.
/// Unnumbered types (笔录, 记录, 报告) are still issued — frozen, rendered, signed and logged. The 送达回执 carries a
/// number (nature 送) because the platform generates it as a document of its own (Z20: 送达回证实时生成).
/// </summary>
public sealed record DocumentTypeInfo(DocumentType Type, string Name, string? Nature, IReadOnlyList<DocumentField> Fields)
{
    public bool Numbered => Nature is not null;
}

/// <summary>The metadata of the 18 document types (卫生行政执法文书规范; nature codes as used by health agencies).</summary>
public static class DocumentTypes
{
    private static readonly DocumentField Party = new(DocumentFields.PartyName, "当事人", Required: true);
    private static readonly DocumentField Address = new(DocumentFields.PartyAddress, "地址", Required: true);
    private static readonly DocumentField CreditCode = new(DocumentFields.PartyCreditCode, "统一社会信用代码");
    private static readonly DocumentField Contact = new(DocumentFields.PartyContact, "联系人及电话");
    private static readonly DocumentField Agency = new(DocumentFields.AgencyName, "执法机关", Required: true);
    private static readonly DocumentField Date = new(DocumentFields.Date, "日期");
    private static readonly DocumentField CaseTitle = new(DocumentFields.CaseTitle, "案由", Required: true);
    private static readonly DocumentField Officers = new(DocumentFields.Officers, "执法人员（姓名、执法证号）", Required: true);
    private static readonly DocumentField Facts = new(DocumentFields.Facts, "违法事实", Multiline: true, Required: true);
    private static readonly DocumentField Evidence = new(DocumentFields.Evidence, "证据", Multiline: true);
    private static readonly DocumentField Basis = new(DocumentFields.Basis, "法律依据", Multiline: true, Required: true);
    private static readonly DocumentField Penalty = new(DocumentFields.Penalty, "处罚内容", Multiline: true, Required: true);
    private static readonly DocumentField Discretion = new(DocumentFields.DiscretionReason, "裁量理由", Multiline: true);
    private static readonly DocumentField Rights = new(DocumentFields.Rights, "当事人权利", Multiline: true);
    private static readonly DocumentField Payment = new(DocumentFields.Payment, "履行方式和期限", Multiline: true, Required: true);
    private static readonly DocumentField Remedy = new(DocumentFields.Remedy, "救济途径和期限", Multiline: true, Required: true);
    private static readonly DocumentField Opinion = new(DocumentFields.Opinion, "意见", Multiline: true, Required: true);
    private static readonly DocumentField Participants = new(DocumentFields.Participants, "参加人员", Multiline: true, Required: true);
    private static readonly DocumentField Conclusion = new(DocumentFields.Conclusion, "结论", Multiline: true, Required: true);
    private static readonly DocumentField Deadline = new(DocumentFields.Deadline, "期限", Required: true);

    private static readonly Dictionary<DocumentType, DocumentTypeInfo> All = new DocumentTypeInfo[]
    {
        new(DocumentType.AcceptanceRecord, "案件受理记录", null,
            [Agency, CaseTitle, new(DocumentFields.CaseSource, "案件来源", Required: true), Party, Address, Contact,
             new(DocumentFields.AcceptedOn, "受理日期", Required: true), new("summary", "基本情况", true, true), Opinion, Date]),
        new(DocumentType.FilingReport, "立案报告", null,
            [Agency, CaseTitle, new(DocumentFields.CaseSource, "案件来源", Required: true), Party, Address, CreditCode, Contact,
             new("summary", "案情摘要", true, true), Basis, Opinion, new(DocumentFields.FiledOn, "立案日期"), Date]),
        new(DocumentType.InspectionRecord, "现场笔录", null,
            [Agency, Party, Address, Contact, new("inspection.time", "检查时间", Required: true), new("inspection.place", "检查地点", Required: true),
             Officers, new("record", "现场情况", true, true), Date]),
        new(DocumentType.InquiryRecord, "询问笔录", null,
            [Agency, CaseTitle, new("inquiry.time", "询问时间", Required: true), new("inquiry.place", "询问地点", Required: true),
             new("inquired", "被询问人（姓名、身份、联系方式）", Required: true), Officers, new("record", "询问内容", true, true), Date]),
        new(DocumentType.PreservationDecision, "证据先行登记保存决定书", "保",
            [Agency, Party, Address, CaseTitle, new("items", "保存物品", true, true), new("place", "保存地点", Required: true), Deadline, Basis, Date]),
        new(DocumentType.InvestigationReport, "案件调查终结报告", null,
            [Agency, CaseTitle, Party, Address, Facts, Evidence, Basis, new(DocumentFields.Penalty, "处理意见", true, true), Discretion, Date]),
        new(DocumentType.DiscussionRecord, "合议记录", null,
            [Agency, CaseTitle, new("meeting.time", "时间", Required: true), new("meeting.place", "地点", Required: true), Participants,
             new("record", "讨论内容", true, true), Conclusion, Date]),
        new(DocumentType.LegalReviewOpinion, "法制审核意见书", "审",
            [Agency, CaseTitle, Party, new("review", "审核内容", true, true), Opinion, Date]),
        new(DocumentType.PriorNotice, "行政处罚事先告知书", "罚告",
            [Agency, Party, Address, Facts, Evidence, Basis, Penalty, Rights, Deadline, Date]),
        new(DocumentType.HearingNotice, "听证告知书", "听告",
            [Agency, Party, Address, Facts, Penalty, new(DocumentFields.HearingDate, "听证时间"), new(DocumentFields.HearingPlace, "听证地点"), Rights, Deadline, Date]),
        new(DocumentType.HearingRecord, "听证笔录", null,
            [Agency, CaseTitle, Party, new(DocumentFields.HearingDate, "听证时间", Required: true), new(DocumentFields.HearingPlace, "听证地点", Required: true),
             Participants, new("record", "听证内容", true, true), Date]),
        new(DocumentType.PenaltyDecision, "行政处罚决定书", "罚",
            [Agency, Party, Address, CreditCode, Facts, Evidence, Basis, Discretion, Penalty, Payment, Remedy, Date]),
        new(DocumentType.OnTheSpotDecision, "当场行政处罚决定书", "当罚",
            [Agency, Party, Address, Facts, Basis, Penalty, Payment, Remedy, Officers, Date]),
        new(DocumentType.NoPenaltyDecision, "不予行政处罚决定书", "不罚",
            [Agency, Party, Address, Facts, Evidence, new(DocumentFields.Basis, "不予处罚的依据和理由", true, true), Remedy, Date]),
        new(DocumentType.ServiceReceipt, "送达回执", "送",
            [Agency, Party, new(DocumentFields.ServedDocument, "送达文书（名称、文号）", true, true), new(DocumentFields.ServedMethod, "送达方式", Required: true),
             new("served.place", "送达地点"), new(DocumentFields.ServedOn, "送达日期"), new("recipient", "受送达人"), new("note", "备注", true), Date]),
        new(DocumentType.Demand, "催告书", "催",
            [Agency, Party, Address, new("decision", "处罚决定（文号、内容）", true, true), new("outstanding", "未履行的义务（含加处罚款）", true, true),
             Deadline, Rights, Date]),
        new(DocumentType.ClosingReport, "结案报告", null,
            [Agency, CaseTitle, Party, new("handling", "处理情况", true, true), new("execution", "执行情况", true, true), Opinion, Date]),
        new(DocumentType.SupervisionOpinion, "卫生监督意见书", "监",
            [Agency, Party, Address, new("findings", "检查情况", true, true), Opinion, Deadline, Date]),
    }.ToDictionary(t => t.Type);

    public static IReadOnlyCollection<DocumentTypeInfo> List => All.Values;

    public static DocumentTypeInfo Of(DocumentType type) => All[type];

    /// <summary>A type named in an API request: its enum name (PenaltyDecision), case-insensitive; numbers are not names.</summary>
    public static bool TryParse(string? text, out DocumentType type) =>
        Enum.TryParse(text, ignoreCase: true, out type) && !int.TryParse(text, out _) && Enum.IsDefined(type);
}
