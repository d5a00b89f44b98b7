using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Persistence;

namespace Tianmu.Ingest;

/// <summary>
/// Judges, for one device and one batch, whether each reading may serve as evidence: the device's
/// state at the reading's time (active, calibrated that day) and a normal data flag. Loaded once per
/// batch, used by every ingest path alike.
/// </summary>
public sealed class UsabilityStamp
{
    private readonly DeviceType type;
    private readonly List<DeviceStatusChange> history;
    private readonly List<CalibrationCertificate> certificates;

    private UsabilityStamp(DeviceType type, List<DeviceStatusChange> history, List<CalibrationCertificate> certificates)
    {
        this.type = type;
        this.history = history;
        this.certificates = certificates;
    }

    public static async Task<UsabilityStamp> ForAsync(TianmuDb db, Device device, CancellationToken ct) => new(
        device.Type,
        await db.DeviceStatusChanges.AsNoTracking().Where(c => c.DeviceId == device.Id).ToListAsync(ct),
        await db.Calibrations.AsNoTracking().Where(c => c.DeviceId == device.Id).ToListAsync(ct));

    public bool Usable(DateTimeOffset deviceTime, string flag) =>
        DataFlags.IsEvidence(flag) && EvidenceUsability.At(deviceTime, type, history, certificates).Usable;
}
