namespace Tianmu.Devices;

/// <summary>强制检定/校准证书 (Z12): issuer, number, date and expiry.</summary>
public sealed class CalibrationCertificate : IAudited
{
    private CalibrationCertificate() { }

    public CalibrationCertificate(Guid id, Guid deviceId, string number, string issuer, DateOnly issuedOn, DateOnly expiresOn)
    {
        Id = id;
        DeviceId = deviceId;
        Number = number;
        Issuer = issuer;
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    public string Number { get; private set; } = "";

    public string Issuer { get; private set; } = "";

    public DateOnly IssuedOn { get; private set; }

    /// <summary>Last day of validity (China Standard Time), inclusive.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public bool CoversDate(DateOnly date) => IssuedOn <= date && date <= ExpiresOn;
}

public enum IncidentKind
{
    /// <summary>离线</summary>
    Offline,

    /// <summary>损坏</summary>
    Damaged,

    /// <summary>移位</summary>
    Moved,

    /// <summary>拆除</summary>
    Removed,

    /// <summary>遮挡</summary>
    Obstructed,

    /// <summary>画面模糊 — lens smeared, sprayed or defocused (found by snapshot analysis)</summary>
    Blurred,
}

/// <summary>The entity's liability for an incident (S6/Z23): restore the device, compensate, or none.</summary>
public enum Liability
{
    None,

    /// <summary>责令恢复</summary>
    Restore,

    /// <summary>赔偿</summary>
    Compensate,
}

/// <summary>A device incident and, once resolved, the entity's liability and the outcome. Feeds credit later.</summary>
public sealed class DeviceIncident : IAudited
{
    private DeviceIncident() { }

    public DeviceIncident(Guid id, Guid deviceId, IncidentKind kind, string description, string reportedBy, DateTimeOffset reportedAt)
    {
        Id = id;
        DeviceId = deviceId;
        Kind = kind;
        Description = description;
        ReportedBy = reportedBy;
        ReportedAt = reportedAt;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    public IncidentKind Kind { get; private set; }

    public string Description { get; private set; } = "";

    public string ReportedBy { get; private set; } = "";

    public DateTimeOffset ReportedAt { get; private set; }

    public Liability? Liability { get; private set; }

    public string? Outcome { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public void Resolve(Liability liability, string outcome, DateTimeOffset at)
    {
        Liability = liability;
        Outcome = outcome;
        ResolvedAt = at;
    }
}

/// <summary>维护记录 — routine maintenance done on a device.</summary>
public sealed class MaintenanceEntry : IAudited
{
    private MaintenanceEntry() { }

    public MaintenanceEntry(Guid id, Guid deviceId, DateTimeOffset at, string performedBy, string description)
    {
        Id = id;
        DeviceId = deviceId;
        At = at;
        PerformedBy = performedBy;
        Description = description;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string PerformedBy { get; private set; } = "";

    public string Description { get; private set; } = "";
}
