namespace Tianmu.Credit;

/// <summary>
/// 重点监管名单 — an entity put under key supervision: automatically for false or concealed information or
/// tampering with devices (S20, Z24: "纳入重点监管范围"), or by an officer, with the reason and the fact behind
/// it; removed with a reason (Z4: real self-monitoring may take an entity off the list). An entity is on the
/// list while it has an entry not removed.
/// </summary>
public sealed class KeySupervisionEntry : IAudited
{
    private KeySupervisionEntry() { }

    public KeySupervisionEntry(Guid id, Guid entityId, string agencyPath, string reason, string basis, string? sourceKind, Guid? sourceId, DateOnly listedOn, string listedBy)
    {
        Id = id;
        EntityId = entityId;
        AgencyPath = agencyPath;
        Reason = reason;
        Basis = basis;
        SourceKind = sourceKind;
        SourceId = sourceId;
        ListedOn = listedOn;
        ListedBy = listedBy;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    /// <summary>Why, in Chinese, as the list shows it.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>The article or rule relied on, e.g. "S20、Z24" or the model's band.</summary>
    public string Basis { get; private set; } = "";

    /// <summary>The fact behind it (a <see cref="CreditFactKinds"/> value and its row), when there is one.</summary>
    public string? SourceKind { get; private set; }

    public Guid? SourceId { get; private set; }

    public DateOnly ListedOn { get; private set; }

    /// <summary>"系统" when listed automatically, otherwise the officer's name.</summary>
    public string ListedBy { get; private set; } = "";

    public DateOnly? RemovedOn { get; private set; }

    public string? RemovedBy { get; private set; }

    public string? RemovalReason { get; private set; }

    public bool IsActiveOn(DateOnly day) => ListedOn <= day && (RemovedOn is null || RemovedOn > day);

    public void Remove(DateOnly on, string by, string reason) => (RemovedOn, RemovedBy, RemovalReason) = (on, by, reason);
}
