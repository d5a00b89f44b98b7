using Tianmu.Common;
using Tianmu.Devices;

namespace Tianmu.Server.Devices;

public sealed record ParameterInput(string? Code, string? Name, string? Unit, decimal? RangeMin, decimal? RangeMax, string? Accuracy, string? Standard);

public sealed record DeviceInput(
    Guid? EntityId, DeviceType? Type, string? Make, string? Model, string? SerialNumber, bool? CapturesImageOrSound,
    DeviceProtocol? Protocol, string? Hj212Mn, string? Hj212Password, Mobility? Mobility, PlaceType? PlaceType, string? Site,
    FundingModel? Funding, string? ContractReference, bool? ContractDataSecurity, bool? ContractIntellectualProperty,
    bool? ContractMaintenance, bool? ContractConfidentiality, ParameterInput[]? Parameters);

public sealed record DeviceSummary(
    Guid Id, Guid EntityId, string EntityName, string Type, string TypeName, string Make, string Model, string SerialNumber,
    string PlaceType, string PlaceName, string Site, string Status, string StatusName, DateOnly? CalibrationExpiresOn);

public sealed record StatusChangeView(string From, string To, string ToName, DateTimeOffset At, string AtChina, string By, string? Note);

public sealed record CalibrationView(Guid Id, string Number, string Issuer, DateOnly IssuedOn, DateOnly ExpiresOn);

public sealed record IncidentView(Guid Id, string Kind, string Description, string ReportedBy, DateTimeOffset ReportedAt, string? Liability, string? Outcome, DateTimeOffset? ResolvedAt);

public sealed record MaintenanceView(DateTimeOffset At, string By, string Description);

public sealed record DeviceDetail(
    DeviceSummary Summary, bool CapturesImageOrSound, string Protocol, string? Hj212Mn, string Mobility, string Funding, string FundingName,
    string? ContractReference, bool ContractDataSecurity, bool ContractIntellectualProperty, bool ContractMaintenance, bool ContractConfidentiality,
    IReadOnlyList<ParameterInput> Parameters, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote,
    string? ConfirmationText, string? ConfirmedByName, DateTimeOffset? ConfirmedAt, string? NoticePhotoHash, string? PublishedLocation,
    DateTimeOffset? NoticePostedAt, bool HasCredential, DateTimeOffset? CredentialIssuedAt, IReadOnlyList<string> AllowedActions,
    IReadOnlyList<StatusChangeView> History, IReadOnlyList<CalibrationView> Calibrations, IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<MaintenanceView> Maintenance);

public sealed record DeviceFilter(Guid? EntityId, DeviceStatus? Status, DeviceType? Type, string? Q, int? Page, int? PageSize);

public sealed record UsabilityView(DateTimeOffset At, bool Usable, IReadOnlyList<string> Reasons);

public sealed record CredentialView(string Secret, DateTimeOffset IssuedAt, string Note);

public static class DeviceErrors
{
    public static Error Privacy(string detail) => new(ErrorKind.Unprocessable, "device.privacy_place", detail);

    public static Error OutOfOrder(string detail) => new(ErrorKind.Conflict, "device.out_of_order", detail);

    public static readonly Error ChangedMeanwhile = new(ErrorKind.Conflict, "device.changed_meanwhile", "设备状态已被他人变更，请刷新后重试。");

    public static readonly Error NotFound = Error.NotFound("设备");
}
