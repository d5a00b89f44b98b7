using Tianmu.Devices;
using Tianmu.Ingest;

namespace Tianmu.Tests.Ingest;

/// <summary>The ingest-time stamp must say exactly what the pure rule says, at every instant.</summary>
public sealed class UsabilityStampTests
{
    [Fact]
    public void AgreesWithEvidenceUsabilityAcrossAYear()
    {
        var device = Guid.CreateVersion7();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        DeviceStatusChange Change(DeviceStatus from, DeviceStatus to, double days) => new(Guid.CreateVersion7(), device, from, to, start.AddDays(days), "t", null);
        List<DeviceStatusChange> history =
        [
            Change(DeviceStatus.Active, DeviceStatus.Suspended, 200),           // listed out of order on purpose
            Change(DeviceStatus.Registered, DeviceStatus.Reviewed, 10),
            Change(DeviceStatus.Reviewed, DeviceStatus.Confirmed, 10),          // same instant as the review
            Change(DeviceStatus.Confirmed, DeviceStatus.Noticed, 11.5),
            Change(DeviceStatus.Noticed, DeviceStatus.Active, 12.25),
            Change(DeviceStatus.Suspended, DeviceStatus.Active, 203),
            Change(DeviceStatus.Active, DeviceStatus.Retired, 330),
        ];
        List<CalibrationCertificate> certificates =
        [
            new(Guid.CreateVersion7(), device, "1", "x", new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 30)),
            new(Guid.CreateVersion7(), device, "2", "x", new DateOnly(2026, 7, 3), new DateOnly(2027, 7, 2)),
        ];
        var stamp = new UsabilityStamp(DeviceType.WaterQualityAnalyser, history, certificates);
        for (var hour = -24; hour < 24 * 366; hour += 7)
        {
            var at = start.AddHours(hour);
            Assert.Equal(EvidenceUsability.At(at, DeviceType.WaterQualityAnalyser, history, certificates).Usable, stamp.Usable(at, "N"));
            Assert.False(stamp.Usable(at, "M"));
        }
    }
}
