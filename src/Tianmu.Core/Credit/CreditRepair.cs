namespace Tianmu.Credit;

public enum CreditRepairStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>
/// 信用修复 — an entity's application, after correcting a matter, to stop one fact counting against its credit;
/// an officer of its agency approves or refuses it with a reason. An approved repair takes the fact out of every
/// grade as of <see cref="DecidedOn"/> and later; grades before that day still count it (point-in-time).
/// </summary>
public sealed class CreditRepair : IAudited
{
    private CreditRepair() { }

    public CreditRepair(Guid id, Guid entityId, string agencyPath, string factKind, Guid factId, string statement, Guid appliedBy, string applicantName, DateTimeOffset appliedAt)
    {
        Id = id;
        EntityId = entityId;
        AgencyPath = agencyPath;
        FactKind = factKind;
        FactId = factId;
        Statement = statement;
        AppliedBy = appliedBy;
        ApplicantName = applicantName;
        AppliedAt = appliedAt;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    /// <summary>A <see cref="CreditFactKinds"/> value.</summary>
    public string FactKind { get; private set; } = "";

    public Guid FactId { get; private set; }

    /// <summary>What the entity corrected and how, in its own words.</summary>
    public string Statement { get; private set; } = "";

    /// <summary>Supporting files (name, content type, SHA-256), a JSON array; the bytes live in the content store.</summary>
    public string AttachmentsJson { get; private set; } = "[]";

    public Guid AppliedBy { get; private set; }

    public string ApplicantName { get; private set; } = "";

    public DateTimeOffset AppliedAt { get; private set; }

    public CreditRepairStatus Status { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionReason { get; private set; }

    public void Attach(string attachmentsJson) => AttachmentsJson = attachmentsJson;

    public void Decide(bool approve, DateOnly on, string by, string reason) =>
        (Status, DecidedOn, DecidedBy, DecisionReason) = (approve ? CreditRepairStatus.Approved : CreditRepairStatus.Refused, on, by, reason);

    /// <summary>Whether the fact no longer counts in a grade as of <paramref name="day"/>.</summary>
    public bool RepairsOn(DateOnly day) => Status == CreditRepairStatus.Approved && DecidedOn <= day;
}
