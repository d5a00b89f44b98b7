using Tianmu.Service;

namespace Tianmu.Server.Service;

/// <summary>
/// A service-address confirmation as the party states it. Portal: <c>EntityId</c> may be left out when the user acts
/// for one entity; signing adds the SHA-256 of the text read, the agreement and the password. <c>Method</c> is
/// Electronic, Direct or Postal; <c>Portal</c> names the signer's own portal account as an electronic address.
/// </summary>
public sealed record ServiceAddressInput(
    Guid? EntityId, string? Address, string? Method, bool? ElectronicConsent, bool? Portal, string? Phone, string? Email,
    string? TextHash = null, bool? Agree = null, string? Password = null);

/// <summary>A paper confirmation signed on site, recorded by an officer: the signer's name, and the portal account the party named, if any.</summary>
public sealed record PaperAddressInput(
    string? Address, string? Method, bool? ElectronicConsent, string? PortalAccount, string? Phone, string? Email, string? SignerName);

public sealed record ConfirmationPreview(Guid EntityId, string EntityName, string Text, string TextHash);

/// <summary>A confirmation; phone and e-mail masked. <c>Text</c> is the exact text for the party's own users, the masked text for staff.</summary>
public sealed record ConfirmationView(
    Guid Id, Guid EntityId, string Address, string Method, string MethodName, bool ElectronicConsent, bool ConsentsToElectronicService,
    string? PortalAccount, string? Phone, string? Email, string Text, string TextSha256, string Channel, string ChannelName,
    string SignedByName, DateTimeOffset SignedAt, string? RecordedBy, bool HasScan, bool Current, DateTimeOffset? SupersededAt);

public sealed record EntityAddressView(Guid EntityId, string EntityName, ConfirmationView? Current, IReadOnlyList<ConfirmationView> History);

/// <summary>
/// Another method recorded by the officer, with its evidence (see <see cref="ServiceFacts"/>): Method is Direct,
/// Postal, LeftAtPremises, PublicNotice or Entrusted. 留置 needs a photo or video: a file, or <c>EvidenceItemId</c>.
/// </summary>
public sealed record RecordServiceInput(
    string? Method, string? Recipient = null, DateOnly? SignedOn = null, string? TrackingNumber = null, DateOnly? LeftOn = null,
    string? RefusalReason = null, string? Witnesses = null, DateOnly? PublishedOn = null, string? PublishedWhere = null, string? Reason = null,
    string? EntrustedAgency = null, Guid? EvidenceItemId = null, string? Note = null);

/// <summary>One channel of an electronic service: where it went (masked), whether the portal or the gateway took it and when.</summary>
public sealed record DeliveryView(string Channel, string ChannelName, string? Recipient, string Status, DateTimeOffset? SentAt, string? Error);

public sealed record ServiceView(
    Guid Id, Guid DocumentId, string DocumentName, string? DocumentNumber, Guid EntityId, string EntityName, Guid? CaseId,
    string Method, string MethodName, string Status, string StatusName, string? Addresses,
    DateTimeOffset? DeliveredAt, DateOnly? ServedOn, DateOnly? DueOn, DateTimeOffset? FirstOpenedAt, string? FirstOpenedBy,
    ServiceFacts Facts, string? AttachmentName, Guid? EvidenceItemId, Guid? ReceiptDocumentId, string? ReceiptNumber, bool ReceiptIssued,
    string? CaseAction, string? StepNote, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? FailureReason,
    IReadOnlyList<DeliveryView> Deliveries);

/// <summary>An issued document of a case that is served on the party, and where its service stands.</summary>
public sealed record ServableDocument(Guid Id, string TypeName, string? Number, DateTimeOffset? IssuedAt, string? ServiceStatus, string? StepName, string? StageNeeded);

/// <summary>What the case page's service panel shows: the documents to serve, the services, and the party's current confirmation.</summary>
public sealed record CaseServiceView(IReadOnlyList<ServableDocument> Documents, IReadOnlyList<ServiceView> Services, ConfirmationView? Confirmation);

public static class ServiceNames
{
    public static string ToChinese(this ServiceStatus status) => status switch
    {
        ServiceStatus.Pending => "待送达",
        ServiceStatus.Served => "已送达",
        _ => "送达失败",
    };

    public static string ToChinese(this ConfirmationChannel channel) => channel == ConfirmationChannel.Portal ? "门户在线签署" : "现场书面签署（执法人员录入）";
}
