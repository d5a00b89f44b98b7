namespace Tianmu.Service;

public enum ServiceStatus
{
    /// <summary>待送达 — electronic service waiting for the SMS/e-mail gateway's acceptance, or a public notice within its 30 days.</summary>
    Pending,

    /// <summary>已送达 — the service date is known.</summary>
    Served,

    /// <summary>送达失败 — no confirmed address accepted the message; another method is needed.</summary>
    Failed,
}

/// <summary>
/// 送达记录 — one service of one issued document on its party: the method, the addresses (masked) or the evidence,
/// the service date by the method's rule (<see cref="ServiceRules"/>), when the party first opened it in the portal,
/// and the 送达回执 generated from these facts. A document has at most one service that is not failed.
/// </summary>
public sealed class ServiceRecord : IAudited
{
    private ServiceRecord() { }

    public ServiceRecord(Guid id, ServiceTarget target, ServiceMethod method, string? addresses, string factsJson, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        DocumentId = target.DocumentId;
        EntityId = target.EntityId;
        AgencyPath = target.AgencyPath;
        CaseId = target.CaseId;
        CaseAction = target.CaseAction;
        Method = method;
        Addresses = addresses;
        FactsJson = factsJson;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Status = ServiceStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid DocumentId { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>The served document's agency path, for staff jurisdiction.</summary>
    public string AgencyPath { get; private set; } = "";

    public Guid? CaseId { get; private set; }

    /// <summary>The case step this service takes (ServePriorNotice, RecordService), if any.</summary>
    public string? CaseAction { get; private set; }

    /// <summary>Why the case step was not taken when the service completed (the case had moved on by another way), if so.</summary>
    public string? StepNote { get; private set; }

    public ServiceMethod Method { get; private set; }

    public ServiceStatus Status { get; private set; }

    /// <summary>Electronic: the signed confirmation whose addresses were used.</summary>
    public Guid? ConfirmationId { get; private set; }

    /// <summary>Where it went, masked (门户 ent.demo；手机 138****5678), or the postal address / notice medium.</summary>
    public string? Addresses { get; private set; }

    /// <summary>The recorded <see cref="ServiceFacts"/> as JSON (the evidence the method needs).</summary>
    public string FactsJson { get; private set; } = "{}";

    /// <summary>Electronic: when the document reached the party's system.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>送达日期 by the method's rule; set once served.</summary>
    public DateOnly? ServedOn { get; private set; }

    /// <summary>Public notice: the day it will count as served (30 days after publication).</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>When the party first opened the document in the portal (or read it through the portal API).</summary>
    public DateTimeOffset? FirstOpenedAt { get; private set; }

    public string? FirstOpenedBy { get; private set; }

    /// <summary>A photo, video or scan recorded with the service (object store).</summary>
    public string? AttachmentSha256 { get; private set; }

    public string? AttachmentName { get; private set; }

    public string? AttachmentType { get; private set; }

    /// <summary>An evidence item recording the service (留置: photos or video taken with the evidence tools).</summary>
    public Guid? EvidenceItemId { get; private set; }

    /// <summary>The generated 送达回执. A concurrency token: only one receipt is ever attached.</summary>
    public Guid? ReceiptDocumentId { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? FailureReason { get; private set; }

    public void UseConfirmation(Guid confirmationId) => ConfirmationId = confirmationId;

    public void Attach(string? sha256, string? name, string? contentType, Guid? evidenceItemId) =>
        (AttachmentSha256, AttachmentName, AttachmentType, EvidenceItemId) = (sha256, name, contentType, evidenceItemId);

    /// <summary>A public notice waits for its deemed date.</summary>
    public void AwaitDeemedDate(DateOnly dueOn) => DueOn = dueOn;

    public bool Serve(DateOnly on, DateTimeOffset? deliveredAt, DateTimeOffset at)
    {
        if (Status != ServiceStatus.Pending)
        {
            return false;
        }

        (Status, ServedOn, DeliveredAt, CompletedAt) = (ServiceStatus.Served, on, deliveredAt, at);
        return true;
    }

    public bool Fail(string reason, DateTimeOffset at)
    {
        if (Status != ServiceStatus.Pending)
        {
            return false;
        }

        (Status, FailureReason, CompletedAt) = (ServiceStatus.Failed, reason, at);
        return true;
    }

    public void StepNotTaken(string note) => StepNote = note;

    /// <summary>Records the first opening only; later ones keep the first.</summary>
    public bool Opened(DateTimeOffset at, string by)
    {
        if (FirstOpenedAt is not null)
        {
            return false;
        }

        (FirstOpenedAt, FirstOpenedBy) = (at, by);
        return true;
    }

    public void AttachReceipt(Guid documentId) => ReceiptDocumentId = documentId;
}

/// <summary>The served document as the record needs it: ids, the agency path, and the case step its service takes.</summary>
public sealed record ServiceTarget(Guid DocumentId, Guid EntityId, string AgencyPath, Guid? CaseId, string? CaseAction);
