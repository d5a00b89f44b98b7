using Tianmu.Common;

namespace Tianmu.Devices;

/// <summary>
/// Whether what a device recorded at a given instant may be used as evidence (行政处罚法 art. 41;
/// BRIEF capability 3): the device was active then — which the lifecycle allows only after review,
/// the entity's confirmation and the posted notice — and, for a measuring device, a calibration
/// certificate covered that day (Z12). Ingest stores this verdict with every reading.
/// </summary>
public static class EvidenceUsability
{
    public sealed record Verdict(bool Usable, IReadOnlyList<string> Reasons);

    /// <summary>Measuring devices need a valid calibration; cameras and recorders of events do not.</summary>
    public static bool NeedsCalibration(DeviceType type) =>
        type is DeviceType.WaterQualityAnalyser or DeviceType.AirQualityMonitor or DeviceType.MedicalWasteScale;

    public static Verdict At(DateTimeOffset instant, DeviceType type, IEnumerable<DeviceStatusChange> history, IEnumerable<CalibrationCertificate> certificates)
    {
        var reasons = new List<string>();
        // Steps recorded at the same instant are ordered along the lifecycle (review before activation).
        var status = history.Where(h => h.At <= instant).OrderBy(h => h.At).ThenBy(h => h.ToStatus).LastOrDefault()?.ToStatus ?? DeviceStatus.Registered;
        if (status != DeviceStatus.Active)
        {
            reasons.Add($"该时刻设备状态为“{status.ToChinese()}”，未处于启用状态。");
        }

        var day = ChinaTime.DateOf(instant);
        if (NeedsCalibration(type) && !certificates.Any(c => c.CoversDate(day)))
        {
            reasons.Add($"{day:yyyy-MM-dd} 无有效的检定/校准证书。");
        }

        return new Verdict(reasons.Count == 0, reasons);
    }
}
