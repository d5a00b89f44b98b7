using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Persistence;

namespace Tianmu.Ingest;

/// <summary>
/// Judges, for one device and one batch, whether each reading may serve as evidence: the device's
/// state at the reading's time (active, calibrated that day) and a normal data flag. The same rule as
/// <see cref="EvidenceUsability.At"/>, prepared once per batch — history sorted for a binary search,
/// calibration looked up once per day — because ingest asks it for every reading.
/// </summary>
public sealed class UsabilityStamp
{
    private readonly DateTimeOffset[] changeTimes;
    private readonly DeviceStatus[] statuses;
    private readonly bool needsCalibration;
    private readonly List<CalibrationCertificate> certificates;
    private readonly Dictionary<DateOnly, bool> calibratedOn = [];

    internal UsabilityStamp(DeviceType type, IEnumerable<DeviceStatusChange> history, List<CalibrationCertificate> certificates)
    {
        var ordered = history.OrderBy(h => h.At).ThenBy(h => h.ToStatus).ToList();
        changeTimes = [.. ordered.Select(h => h.At)];
        statuses = [.. ordered.Select(h => h.ToStatus)];
        needsCalibration = EvidenceUsability.NeedsCalibration(type);
        this.certificates = certificates;
    }

    public static async Task<UsabilityStamp> ForAsync(TianmuDb db, Device device, CancellationToken ct) => new(
        device.Type,
        await db.DeviceStatusChanges.AsNoTracking().Where(c => c.DeviceId == device.Id).ToListAsync(ct),
        await db.Calibrations.AsNoTracking().Where(c => c.DeviceId == device.Id).ToListAsync(ct));

    public bool Usable(DateTimeOffset deviceTime, string flag) =>
        DataFlags.IsEvidence(flag) && StatusAt(deviceTime) == DeviceStatus.Active && (!needsCalibration || Calibrated(ChinaTime.DateOf(deviceTime)));

    private DeviceStatus StatusAt(DateTimeOffset instant)
    {
        // The last change at or before the instant: upper bound of the instant, minus one.
        int lo = 0, hi = changeTimes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (changeTimes[mid] <= instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? DeviceStatus.Registered : statuses[lo - 1];
    }

    private bool Calibrated(DateOnly day)
    {
        if (!calibratedOn.TryGetValue(day, out var calibrated))
        {
            calibratedOn[day] = calibrated = certificates.Any(c => c.CoversDate(day));
        }

        return calibrated;
    }
}
