using Tianmu.Devices;

namespace Tianmu.Tests.Devices;

/// <summary>Art. 41, S6, Z13: review → the entity's confirmation → notice and published location → active.</summary>
public sealed class DeviceLifecycleTests
{
    [Fact]
    public void TheLawfulOrderLeadsToActive()
    {
        var status = DeviceStatus.Registered;
        foreach (var action in new[] { DeviceAction.Review, DeviceAction.Confirm, DeviceAction.PostNotice, DeviceAction.Activate })
        {
            status = DeviceLifecycle.Next(status, action) ?? throw new Xunit.Sdk.XunitException($"{action} refused at {status}");
        }

        Assert.Equal(DeviceStatus.Active, status);
    }

    [Theory]
    [InlineData(DeviceStatus.Registered, DeviceAction.Activate, "法制和技术审核")]
    [InlineData(DeviceStatus.Registered, DeviceAction.Confirm, "法制和技术审核")]
    [InlineData(DeviceStatus.Reviewed, DeviceAction.PostNotice, "确认书")]
    [InlineData(DeviceStatus.Reviewed, DeviceAction.Activate, "确认书")]
    [InlineData(DeviceStatus.Confirmed, DeviceAction.Activate, "公告")]
    [InlineData(DeviceStatus.Retired, DeviceAction.Resume, "报废")]
    public void StepsOutOfOrderAreRefusedNamingWhatComesFirst(DeviceStatus from, DeviceAction action, string named)
    {
        Assert.Null(DeviceLifecycle.Next(from, action));
        Assert.Contains(named, DeviceLifecycle.Refusal(from, action), StringComparison.Ordinal);
    }

    [Fact]
    public void SuspendedDevicesResumeOrRetire()
    {
        Assert.Equal(DeviceStatus.Suspended, DeviceLifecycle.Next(DeviceStatus.Active, DeviceAction.Suspend));
        Assert.Equal(DeviceStatus.Active, DeviceLifecycle.Next(DeviceStatus.Suspended, DeviceAction.Resume));
        Assert.Equal(DeviceStatus.Retired, DeviceLifecycle.Next(DeviceStatus.Suspended, DeviceAction.Retire));
        Assert.Empty(DeviceLifecycle.Allowed(DeviceStatus.Retired));
    }
}
