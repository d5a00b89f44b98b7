using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Devices;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Devices;

/// <summary>A server with the demo devices, as run.sh starts it.</summary>
public sealed class DemoDevicesApp : TianmuApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Tianmu:DemoDevices", "true");
}

/// <summary>The demo devices went through every lifecycle step, by the right people, and their readings are evidence today.</summary>
public sealed class DemoDevicesTests(DemoDevicesApp app) : IClassFixture<DemoDevicesApp>
{
    [Fact]
    public async Task EveryDemoDeviceIsActiveAndTodaysRecordsAreUsable()
    {
        var admin = await app.ClientForAsync("sd.admin");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?pageSize=50");
        Assert.Equal(DemoDevicePlans.All.Count, listed.GetProperty("total").GetInt32());

        await using var db = app.Db();
        var devices = await db.Devices.Include(d => d.Entity).ToListAsync();
        Assert.Equal(DemoDevicePlans.All.Count, devices.Count);
        foreach (var device in devices)
        {
            Assert.Equal(DeviceStatus.Active, device.Status);
            var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-6).ToString("o")); // the simulator's back-fill starts there
            var usable = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device.Id}/usability?at={at}");
            Assert.True(usable.GetProperty("usable").GetBoolean(), device.SerialNumber);
        }

        var pool = devices.Single(d => d.Entity!.Name == "济南泉城游泳馆有限公司");
        Assert.Equal(await app.UserIdAsync("ent.demo"), pool.ConfirmedByUserId); // signed from the entity's own account
        Assert.True(pool.ActivatedAt < DateTimeOffset.UtcNow.AddDays(-30));
        var steps = await db.DeviceStatusChanges.Where(c => c.DeviceId == pool.Id).OrderBy(c => c.At).ThenBy(c => c.ToStatus).Select(c => c.ChangedBy).ToListAsync();
        Assert.Equal(["lx.officer1", "lx.reviewer", "ent.demo", "lx.officer1", "lx.officer1"], steps.Select(UserName)); // register, review, confirm, notice, activate

        var expiring = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices/calibrations/expiring?days=30");
        Assert.Equal("济南泉水供水有限公司东区水厂", Assert.Single(expiring.EnumerateArray()).GetProperty("entityName").GetString());
    }

    [Fact]
    public async Task ThePoolsHaveADailyWaterSelfTestFormFromTheProvince()
    {
        var due = await (await app.ClientForAsync("ent.minghu")).GetFromJsonAsync<JsonElement>("/api/v1/portal/self-reports/due");
        var form = Assert.Single(due.EnumerateArray()).GetProperty("form");
        Assert.Equal((DemoSelfReports.FormName, "鲁-GGCS-001", "Daily", "09:00:00"),
            (form.GetProperty("name").GetString(), form.GetProperty("catalogCode").GetString(), form.GetProperty("frequency").GetString(), form.GetProperty("dueTime").GetString()));
        Assert.Equal(["free_chlorine", "ph", "turbidity", "water_temperature", "disinfected"], form.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("free_chlorine", form.GetProperty("fields")[0].GetProperty("metric").GetString());
        Assert.Empty(form.GetProperty("attachments").EnumerateArray());
        Assert.True(form.GetProperty("effectiveFrom").GetDateTime() < DateTime.Today.AddDays(-3)); // past days to report, or to find overdue

        await using var db = app.Db();
        var stored = await db.SelfReportForms.SingleAsync();
        Assert.Equal(await app.AgencyIdAsync("370000"), stored.AgencyId);
        Assert.Empty((await (await app.ClientForAsync("ent.baotu")).GetFromJsonAsync<JsonElement[]>("/api/v1/portal/self-reports/due"))!); // a hotel is not bound
    }

    /// <summary>"王海燕（jn.admin）" → "jn.admin"; registration records the bare user name.</summary>
    private static string UserName(string by) => by.Contains('（') ? by[(by.IndexOf('（') + 1)..].TrimEnd('）') : by;

    [Fact]
    public async Task SeedingAgainAddsNothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await DemoDevices.SeedAsync(scope.ServiceProvider, CancellationToken.None);
            await DemoSelfReports.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }

        await using var db = app.Db();
        Assert.Equal(1, await db.SelfReportForms.CountAsync());
        Assert.Equal(DemoDevicePlans.All.Count, await db.Devices.CountAsync());
        Assert.Equal(DemoDevicePlans.All.Select(p => p.Entity).Distinct().Count(), await db.Users.CountAsync(u => u.UserName!.StartsWith("ent.")));
    }
}
