namespace Tianmu.Service;

/// <summary>How a confirmation was signed.</summary>
public enum ConfirmationChannel
{
    /// <summary>Signed by the party's own user in the portal, after typing the password again.</summary>
    Portal,

    /// <summary>Signed on paper on site and recorded by an officer (the scan may be attached).</summary>
    Paper,
}

/// <summary>
/// 送达地址确认书 — the party's statement of its service address and method and, for electronic service, its
/// consent and the addresses it names (行政处罚法第六十一条; Z20). The exact text shown is what is signed: it is kept
/// encrypted (it names phone and e-mail) with its SHA-256 in clear, and a masked copy for staff. A new confirmation
/// supersedes the current one; rows are never deleted, so the history stays.
/// </summary>
public sealed class ServiceAddressConfirmation : IAudited
{
    private ServiceAddressConfirmation() { }

    public ServiceAddressConfirmation(Guid id, Guid entityId, string agencyPath, ServiceAddressContent content, ServiceAddressSecrets secrets, ConfirmationSignature signature)
    {
        Id = id;
        EntityId = entityId;
        AgencyPath = agencyPath;
        Address = content.Address;
        Method = content.Method;
        ElectronicConsent = content.ElectronicConsent;
        PortalAccount = content.PortalAccount;
        PhoneMasked = content.Phone;
        EmailMasked = content.Email;
        MaskedText = content.Text;
        PhoneCipher = secrets.PhoneCipher;
        EmailCipher = secrets.EmailCipher;
        TextCipher = secrets.TextCipher;
        TextSha256 = secrets.TextSha256;
        Channel = signature.Channel;
        SignedByUserId = signature.UserId;
        SignedByName = signature.SignerName;
        SignedAt = signature.At;
        RecordedBy = signature.RecordedBy;
        AttachmentSha256 = signature.AttachmentSha256;
        AttachmentType = signature.AttachmentType;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>The entity's agency path, for staff jurisdiction.</summary>
    public string AgencyPath { get; private set; } = "";

    /// <summary>送达地址 — where paper documents go.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The method the party chose (electronic, direct or postal).</summary>
    public ServiceMethod Method { get; private set; }

    /// <summary>同意电子送达.</summary>
    public bool ElectronicConsent { get; private set; }

    /// <summary>The portal account named as an electronic address (user name), if any: documents go to the entity's portal inbox.</summary>
    public string? PortalAccount { get; private set; }

    [AuditRedacted]
    public string? PhoneCipher { get; private set; }

    public string? PhoneMasked { get; private set; }

    [AuditRedacted]
    public string? EmailCipher { get; private set; }

    public string? EmailMasked { get; private set; }

    /// <summary>The exact text signed, encrypted with the personal-data key (it names the phone and e-mail in full).</summary>
    [AuditRedacted]
    public string TextCipher { get; private set; } = "";

    /// <summary>SHA-256 (hex) of the exact text's UTF-8 bytes: what the signer's client sent back.</summary>
    public string TextSha256 { get; private set; } = "";

    /// <summary>The same text with phone and e-mail masked, for staff.</summary>
    public string MaskedText { get; private set; } = "";

    public ConfirmationChannel Channel { get; private set; }

    /// <summary>Portal: the signing user. Paper: null (the signer is named in <see cref="SignedByName"/>).</summary>
    public Guid? SignedByUserId { get; private set; }

    public string SignedByName { get; private set; } = "";

    public DateTimeOffset SignedAt { get; private set; }

    /// <summary>Paper: the officer who recorded it.</summary>
    public string? RecordedBy { get; private set; }

    /// <summary>Paper: the scanned confirmation in the object store.</summary>
    public string? AttachmentSha256 { get; private set; }

    public string? AttachmentType { get; private set; }

    /// <summary>Set when a newer confirmation replaces this one; the current one has none.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public Guid? SupersededById { get; private set; }

    /// <summary>Whether documents may be served electronically on this confirmation: consent and at least one address.</summary>
    public bool ConsentsToElectronicService => ElectronicConsent && (PortalAccount is not null || PhoneCipher is not null || EmailCipher is not null);

    public void Supersede(Guid by, DateTimeOffset at) => (SupersededAt, SupersededById) = (at, by);
}

/// <summary>What a confirmation states, with phone and e-mail as shown in <see cref="Text"/> (in full for the signer, masked for storage in clear).</summary>
public sealed record ServiceAddressContent(string Address, ServiceMethod Method, bool ElectronicConsent, string? PortalAccount, string? Phone, string? Email, string Text);

/// <summary>The encrypted parts of a confirmation and the hash of its exact text.</summary>
public sealed record ServiceAddressSecrets(string? PhoneCipher, string? EmailCipher, string TextCipher, string TextSha256);

/// <summary>Who signed, when and how; for paper, who recorded it and the scan.</summary>
public sealed record ConfirmationSignature(ConfirmationChannel Channel, Guid? UserId, string SignerName, DateTimeOffset At, string? RecordedBy = null, string? AttachmentSha256 = null, string? AttachmentType = null);
