namespace Tianmu.Evidence;

/// <summary>
/// 证据 — one original in the write-once object store, with the elements S14/Z17 require (time of the
/// fact, place, persons, form) and its provenance (the device and its state at capture, how it was
/// captured, who collected it and when). Nothing of it changes after it is recorded — the database
/// refuses updates and deletes — except that, past its retention and with no legal hold, the retention
/// job records <see cref="ExpiredAt"/> and removes the bytes; the row stays as the tombstone.
/// </summary>
public sealed class EvidenceItem : IAudited
{
    private EvidenceItem() { }

    public EvidenceItem(Guid id, EvidenceFacts facts, StoredOriginal original, Provenance provenance, DateTimeOffset retentionUntil)
    {
        Id = id;
        SourceKey = facts.SourceKey;
        AgencyId = facts.AgencyId;
        AgencyPath = facts.AgencyPath;
        EntityId = facts.EntityId;
        EntityName = facts.EntityName;
        WarningId = facts.WarningId;
        AiEventId = facts.AiEventId;
        SelfReportId = facts.SelfReportId;
        Title = facts.Title;
        Form = facts.Form;
        FactAt = facts.FactAt.ToUniversalTime();
        FactUntil = facts.FactUntil?.ToUniversalTime();
        Place = facts.Place;
        PersonsCipher = facts.PersonsCipher;
        Sha256 = original.Sha256;
        MediaType = original.MediaType;
        FileName = original.FileName;
        SizeBytes = original.SizeBytes;
        CaptureMethod = provenance.Method;
        DeviceId = provenance.DeviceId;
        DeviceStateJson = provenance.DeviceStateJson;
        ContinuityJson = provenance.ContinuityJson;
        CollectedBy = provenance.CollectedBy;
        CollectedByUserId = provenance.CollectedByUserId;
        CollectedAt = provenance.CollectedAt.ToUniversalTime();
        RetentionUntil = retentionUntil.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>What the item was made from (e.g. <c>warning-snapshot:{id}</c>), unique: an item is made from a source once.</summary>
    public string? SourceKey { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>The entity's agency path at collection: who may see the item (jurisdiction).</summary>
    public string AgencyPath { get; private set; } = "";

    public Guid EntityId { get; private set; }

    /// <summary>人物 — the entity, by name as registered when the item was collected.</summary>
    public string EntityName { get; private set; } = "";

    public Guid? WarningId { get; private set; }

    public Guid? AiEventId { get; private set; }

    public Guid? SelfReportId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>表现形式.</summary>
    public EvidenceForm Form { get; private set; }

    /// <summary>时间 — when the fact happened (the start of a window).</summary>
    public DateTimeOffset FactAt { get; private set; }

    /// <summary>The end of the window the item covers (a data snapshot, a clip), if any.</summary>
    public DateTimeOffset? FactUntil { get; private set; }

    /// <summary>地点.</summary>
    public string Place { get; private set; } = "";

    /// <summary>人物 — individuals involved (names, ID numbers): personal data, encrypted, never logged.</summary>
    [AuditRedacted]
    public string? PersonsCipher { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string MediaType { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public long SizeBytes { get; private set; }

    public CaptureMethod CaptureMethod { get; private set; }

    public Guid? DeviceId { get; private set; }

    /// <summary>The device's state at capture (<see cref="DeviceStateAtCapture"/> as JSON).</summary>
    public string? DeviceStateJson { get; private set; }

    /// <summary>The continuity check of a series or recording (<see cref="ContinuityReport"/> as JSON).</summary>
    public string? ContinuityJson { get; private set; }

    public string CollectedBy { get; private set; } = "";

    public Guid? CollectedByUserId { get; private set; }

    public DateTimeOffset CollectedAt { get; private set; }

    /// <summary>Kept at least until then (S17: at least one year from capture).</summary>
    public DateTimeOffset RetentionUntil { get; private set; }

    /// <summary>Set once by the retention job when the bytes were removed; the row stays as the tombstone.</summary>
    public DateTimeOffset? ExpiredAt { get; private set; }

    /// <summary>Only the retention job calls this, after checking no hold keeps the item.</summary>
    public void Expire(DateTimeOffset at) => ExpiredAt ??= at;
}

/// <summary>The elements and links of a new item; <see cref="PersonsCipher"/> already encrypted.</summary>
public sealed record EvidenceFacts(
    string? SourceKey, Guid AgencyId, string AgencyPath, Guid EntityId, string EntityName, string Title, EvidenceForm Form,
    DateTimeOffset FactAt, DateTimeOffset? FactUntil, string Place, string? PersonsCipher,
    Guid? WarningId = null, Guid? AiEventId = null, Guid? SelfReportId = null);

/// <summary>The original as stored: its hash, type, name and length.</summary>
public sealed record StoredOriginal(string Sha256, string MediaType, string FileName, long SizeBytes);

/// <summary>How, from what and by whom the item was captured.</summary>
public sealed record Provenance(
    CaptureMethod Method, Guid? DeviceId, string? DeviceStateJson, string? ContinuityJson, string CollectedBy, Guid? CollectedByUserId, DateTimeOffset CollectedAt);

/// <summary>证据形式 (行政处罚法 art. 46).</summary>
public enum EvidenceForm
{
    /// <summary>电子数据</summary>
    ElectronicData,

    /// <summary>视听资料</summary>
    AudioVisual,

    /// <summary>书证</summary>
    Documentary,

    /// <summary>物证</summary>
    Physical,

    /// <summary>证人证言</summary>
    WitnessTestimony,

    /// <summary>当事人的陈述</summary>
    PartyStatement,

    /// <summary>鉴定意见</summary>
    ExpertOpinion,

    /// <summary>勘验笔录、现场笔录</summary>
    InspectionRecord,
}

/// <summary>How the item was captured.</summary>
public enum CaptureMethod
{
    /// <summary>在线监测</summary>
    OnlineMonitoring,

    /// <summary>AI 事件</summary>
    AiEvent,

    /// <summary>自律报送</summary>
    SelfReport,

    /// <summary>省级平台推送</summary>
    ProvincialPush,

    /// <summary>执法人员上传</summary>
    OfficerUpload,

    /// <summary>相对人陈述申辩材料</summary>
    EntityResponse,
}

public static class EvidenceNames
{
    public static string ToChinese(this EvidenceForm form) => form switch
    {
        EvidenceForm.ElectronicData => "电子数据",
        EvidenceForm.AudioVisual => "视听资料",
        EvidenceForm.Documentary => "书证",
        EvidenceForm.Physical => "物证",
        EvidenceForm.WitnessTestimony => "证人证言",
        EvidenceForm.PartyStatement => "当事人的陈述",
        EvidenceForm.ExpertOpinion => "鉴定意见",
        _ => "勘验笔录、现场笔录",
    };

    public static string ToChinese(this CaptureMethod method) => method switch
    {
        CaptureMethod.OnlineMonitoring => "在线监测",
        CaptureMethod.AiEvent => "AI 事件",
        CaptureMethod.SelfReport => "自律报送",
        CaptureMethod.ProvincialPush => "省级平台推送",
        CaptureMethod.OfficerUpload => "执法人员上传",
        _ => "相对人陈述申辩材料",
    };
}
