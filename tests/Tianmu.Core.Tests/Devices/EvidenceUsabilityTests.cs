using Tianmu.Devices;

namespace Tianmu.Tests.Devices;

/// <summary>Art. 41 and Z12: a reading is usable as evidence only if the device was active and calibrated at that moment.</summary>
public sealed class EvidenceUsabilityTests
{
    private static readonly Guid Device = Guid.CreateVersion7();
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DeviceStatusChange Change(DeviceStatus from, DeviceStatus to, string at) =>
        new(Guid.CreateVersion7(), Device, from, to, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), "t", null);

    private static readonly DeviceStatusChange[] History =
    [
        Change(DeviceStatus.Registered, DeviceStatus.Reviewed, "2026-03-01T09:00:00+08:00"),
        Change(DeviceStatus.Reviewed, DeviceStatus.Confirmed, "2026-03-02T09:00:00+08:00"),
        Change(DeviceStatus.Confirmed, DeviceStatus.Noticed, "2026-03-03T09:00:00+08:00"),
        Change(DeviceStatus.Noticed, DeviceStatus.Active, "2026-03-04T09:00:00+08:00"),
        Change(DeviceStatus.Active, DeviceStatus.Suspended, "2026-08-01T09:00:00+08:00"),
        Change(DeviceStatus.Suspended, DeviceStatus.Active, "2026-08-02T09:00:00+08:00"),
    ];

    // Certificate valid through 2026-06-30 (CST), renewed from 2026-07-05.
    private static readonly CalibrationCertificate[] Certificates =
    [
        new(Guid.CreateVersion7(), Device, "JD-1", "济南市计量检定测试院", new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30)),
        new(Guid.CreateVersion7(), Device, "JD-2", "济南市计量检定测试院", new DateOnly(2026, 7, 5), new DateOnly(2027, 7, 4)),
    ];

    private static EvidenceUsability.Verdict At(int y, int m, int d, int h, int min = 0) =>
        EvidenceUsability.At(new DateTimeOffset(y, m, d, h, min, 0, Cst), DeviceType.WaterQualityAnalyser, History, Certificates);

    [Fact]
    public void ActiveAndCalibratedIsUsable() => Assert.True(At(2026, 5, 10, 14).Usable);

    [Fact]
    public void BeforeActivationIsNot()
    {
        var verdict = At(2026, 3, 4, 8, 59); // one minute before activation: notice posted, not yet active
        Assert.False(verdict.Usable);
        Assert.Contains(verdict.Reasons, r => r.Contains("已公告", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLastDayOfTheCertificateCountsInChinaTimeAndTheNextDayDoesNot()
    {
        Assert.True(At(2026, 6, 30, 23, 59).Usable);  // 2026-06-30 15:59 UTC, still the 30th in Beijing
        var after = At(2026, 7, 1, 0, 1);              // 2026-06-30 16:01 UTC, already the 1st in Beijing
        Assert.False(after.Usable);
        Assert.Contains(after.Reasons, r => r.Contains("2026-07-01", StringComparison.Ordinal) && r.Contains("检定", StringComparison.Ordinal));
        Assert.True(At(2026, 7, 5, 10).Usable);       // renewed
    }

    [Fact]
    public void WhileSuspendedIsNot() => Assert.False(At(2026, 8, 1, 12).Usable);

    [Fact]
    public void CamerasNeedNoCalibration() =>
        Assert.True(EvidenceUsability.At(new DateTimeOffset(2026, 7, 2, 12, 0, 0, Cst), DeviceType.AiCamera, History, []).Usable);
}
