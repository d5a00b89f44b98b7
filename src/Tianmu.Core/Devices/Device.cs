using Tianmu.Entities;

namespace Tianmu.Devices;

/// <summary>
/// A monitoring device at an entity's premises. Its lifecycle fields are set step by step (see
/// <see cref="DeviceLifecycle"/>); every status change is kept in <see cref="DeviceStatusChange"/>
/// so a reading's evidence usability can be judged at the reading's own time.
/// </summary>
public sealed class Device : IAudited
{
    private readonly List<DeviceParameter> parameters = [];

    private Device() { }

    public Device(Guid id, RegulatedEntity entity, DeviceSpec spec, DateTimeOffset createdAt)
    {
        Id = id;
        EntityId = entity.Id;
        Entity = entity;
        Status = DeviceStatus.Registered;
        CreatedAt = createdAt;
        Apply(spec);
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    public RegulatedEntity? Entity { get; private set; }

    public DeviceType Type { get; private set; }

    public string Make { get; private set; } = "";

    public string Model { get; private set; } = "";

    public string SerialNumber { get; private set; } = "";

    /// <summary>Declared to record images or sound (cameras always do).</summary>
    public bool CapturesImageOrSound { get; private set; }

    public DeviceProtocol Protocol { get; private set; }

    /// <summary>HJ 212 MN (监测点编码); null for HTTP devices.</summary>
    public string? Hj212Mn { get; private set; }

    /// <summary>HJ 212 PW, encrypted: the listener must compare it, so it cannot be a one-way hash.</summary>
    [AuditRedacted]
    public string? Hj212PasswordCipher { get; private set; }

    public Mobility Mobility { get; private set; }

    public PlaceType PlaceType { get; private set; }

    /// <summary>Where exactly, e.g. 泳池东侧池壁 1.2 米处.</summary>
    public string Site { get; private set; } = "";

    public FundingModel Funding { get; private set; }

    public string? ContractReference { get; private set; }

    public bool ContractDataSecurity { get; private set; }

    public bool ContractIntellectualProperty { get; private set; }

    public bool ContractMaintenance { get; private set; }

    public bool ContractConfidentiality { get; private set; }

    public DeviceStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set at review: who passed the legal and technical review (art. 41), when, with what note.</summary>
    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    /// <summary>Set at confirmation: the exact text the entity signed, its SHA-256, the signer and the time (S6/Z13).</summary>
    public string? ConfirmationText { get; private set; }

    public string? ConfirmationTextHash { get; private set; }

    public Guid? ConfirmedByUserId { get; private set; }

    public string? ConfirmedByName { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>Set at notice: the stored photo of the on-site notice and the location as published (art. 41).</summary>
    public string? NoticePhotoHash { get; private set; }

    public DateTimeOffset? NoticePostedAt { get; private set; }

    public string? PublishedLocation { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>SHA-256 of the device's ingest secret; the secret itself is shown once.</summary>
    [AuditRedacted]
    public string? CredentialHash { get; private set; }

    public DateTimeOffset? CredentialIssuedAt { get; private set; }

    /// <summary>The ingest secret, encrypted: the server needs it to check the HMAC signature of each request.</summary>
    [AuditRedacted]
    public string? CredentialCipher { get; private set; }

    public IReadOnlyCollection<DeviceParameter> Parameters => parameters;

    public void Apply(DeviceSpec spec)
    {
        Type = spec.Type;
        Make = spec.Make;
        Model = spec.Model;
        SerialNumber = spec.SerialNumber;
        CapturesImageOrSound = spec.CapturesImageOrSound;
        Protocol = spec.Protocol;
        Hj212Mn = spec.Hj212Mn;
        Hj212PasswordCipher = spec.Hj212PasswordCipher;
        Mobility = spec.Mobility;
        PlaceType = spec.PlaceType;
        Site = spec.Site;
        Funding = spec.Funding;
        ContractReference = spec.ContractReference;
        ContractDataSecurity = spec.ContractDataSecurity;
        ContractIntellectualProperty = spec.ContractIntellectualProperty;
        ContractMaintenance = spec.ContractMaintenance;
        ContractConfidentiality = spec.ContractConfidentiality;
        parameters.Clear();
        parameters.AddRange(spec.Parameters.Select(p => new DeviceParameter(Guid.CreateVersion7(), Id, p.Code, p.Name, p.Unit, p.RangeMin, p.RangeMax, p.Accuracy, p.Standard)));
    }

    /// <summary>Moves the lifecycle on; returns the change to record, or null when the order forbids it.</summary>
    public DeviceStatusChange? Move(DeviceAction action, DateTimeOffset at, string by, string? note)
    {
        if (DeviceLifecycle.Next(Status, action) is not { } next)
        {
            return null;
        }

        var change = new DeviceStatusChange(Guid.CreateVersion7(), Id, Status, next, at, by, note);
        Status = next;
        return change;
    }

    public void RecordReview(string reviewer, DateTimeOffset at, string? note)
    {
        ReviewedBy = reviewer;
        ReviewedAt = at;
        ReviewNote = note;
    }

    public void RecordConfirmation(string text, string textHash, Guid userId, string userName, DateTimeOffset at)
    {
        ConfirmationText = text;
        ConfirmationTextHash = textHash;
        ConfirmedByUserId = userId;
        ConfirmedByName = userName;
        ConfirmedAt = at;
    }

    public void RecordNotice(string photoHash, string publishedLocation, DateTimeOffset at)
    {
        NoticePhotoHash = photoHash;
        PublishedLocation = publishedLocation;
        NoticePostedAt = at;
    }

    public void RecordActivation(DateTimeOffset at) => ActivatedAt ??= at;

    public void SetCredential(string? hash, string? cipher, DateTimeOffset at)
    {
        CredentialHash = hash;
        CredentialCipher = cipher;
        CredentialIssuedAt = hash is null ? null : at;
    }
}

/// <summary>What a registrar declares about a device; encrypted fields already encrypted.</summary>
public sealed record DeviceSpec(
    DeviceType Type, string Make, string Model, string SerialNumber, bool CapturesImageOrSound, DeviceProtocol Protocol,
    string? Hj212Mn, string? Hj212PasswordCipher, Mobility Mobility, PlaceType PlaceType, string Site, FundingModel Funding,
    string? ContractReference, bool ContractDataSecurity, bool ContractIntellectualProperty, bool ContractMaintenance, bool ContractConfidentiality,
    IReadOnlyList<ParameterSpec> Parameters);

public sealed record ParameterSpec(string Code, string Name, string Unit, decimal? RangeMin, decimal? RangeMax, string? Accuracy, string? Standard);

/// <summary>A measured parameter with its unit, range, accuracy and the standard the measurement meets (S7/Z12).</summary>
public sealed class DeviceParameter : IAudited
{
    private DeviceParameter() { }

    public DeviceParameter(Guid id, Guid deviceId, string code, string name, string unit, decimal? rangeMin, decimal? rangeMax, string? accuracy, string? standard)
    {
        Id = id;
        DeviceId = deviceId;
        Code = code;
        Name = name;
        Unit = unit;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
        Accuracy = accuracy;
        Standard = standard;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    /// <summary>Metric code used by ingest, e.g. free_chlorine.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Unit { get; private set; } = "";

    public decimal? RangeMin { get; private set; }

    public decimal? RangeMax { get; private set; }

    public string? Accuracy { get; private set; }

    public string? Standard { get; private set; }
}

/// <summary>One step of a device's lifecycle, kept forever: evidence usability is judged from this history.</summary>
public sealed class DeviceStatusChange : IAudited
{
    private DeviceStatusChange() { }

    public DeviceStatusChange(Guid id, Guid deviceId, DeviceStatus fromStatus, DeviceStatus toStatus, DateTimeOffset at, string changedBy, string? note)
    {
        Id = id;
        DeviceId = deviceId;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        At = at;
        ChangedBy = changedBy;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    public DeviceStatus FromStatus { get; private set; }

    public DeviceStatus ToStatus { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ChangedBy { get; private set; } = "";

    public string? Note { get; private set; }
}
