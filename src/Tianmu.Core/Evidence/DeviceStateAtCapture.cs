using System.Text.Json;
using Tianmu.Common;
using Tianmu.Devices;

namespace Tianmu.Evidence;

/// <summary>
/// The device as it stood when the evidence was captured (art. 41; S6–S9, Z12/Z13): its lifecycle
/// status then, whether it had passed review, been confirmed by the entity, had its notice posted and
/// location published, whether a calibration certificate covered that day, and whether it records
/// images or sound in a privacy-protected place (S5). Frozen into the item at collection, so the
/// review reads what held at the time, not what holds now.
/// </summary>
public sealed record DeviceStateAtCapture(
    Guid DeviceId, string Type, string Description, string Site, string PlaceType, DateTimeOffset At, string Status, bool Active,
    bool Reviewed, bool Confirmed, bool NoticePosted, bool LocationPublished, string? PublishedLocation,
    bool CalibrationRequired, bool CalibrationValid, string? CertificateNumber, DateOnly? CertificateExpiresOn,
    bool PrivacyProtectedPlace, bool Usable, IReadOnlyList<string> Reasons)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DeviceStateAtCapture Of(Device device, DateTimeOffset at, IEnumerable<DeviceStatusChange> history, IEnumerable<CalibrationCertificate> certificates)
    {
        var changes = history.ToList();
        var certs = certificates.ToList();
        var verdict = EvidenceUsability.At(at, device.Type, changes, certs);
        var status = changes.Where(h => h.At <= at).OrderBy(h => h.At).ThenBy(h => h.ToStatus).LastOrDefault()?.ToStatus ?? DeviceStatus.Registered;
        var day = ChinaTime.DateOf(at);
        var certificate = certs.Where(c => c.CoversDate(day)).OrderByDescending(c => c.ExpiresOn).FirstOrDefault();
        var needsCalibration = EvidenceUsability.NeedsCalibration(device.Type);
        var privacy = PrivacyRule.Refusal(device.Type, device.CapturesImageOrSound, device.PlaceType) is not null;
        var reasons = verdict.Reasons.ToList();
        if (privacy)
        {
            reasons.Add($"设备录制图像或声音且位于{device.PlaceType.ToChinese()}，属涉及个人隐私的场所（S5）。");
        }

        return new DeviceStateAtCapture(
            device.Id, device.Type.ToString(), $"{device.Make} {device.Model}（序列号 {device.SerialNumber}）", device.Site, device.PlaceType.ToChinese(), at,
            status.ToChinese(), status == DeviceStatus.Active,
            device.ReviewedAt is { } r && r <= at, device.ConfirmedAt is { } c && c <= at,
            device.NoticePostedAt is { } n && n <= at, device.PublishedLocation is not null && device.NoticePostedAt is { } p && p <= at, device.PublishedLocation,
            needsCalibration, !needsCalibration || certificate is not null, certificate?.Number, certificate?.ExpiresOn,
            privacy, verdict.Usable && !privacy, reasons);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DeviceStateAtCapture? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<DeviceStateAtCapture>(json, Json);
}
