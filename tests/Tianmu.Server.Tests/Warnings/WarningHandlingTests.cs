using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Tests.Support;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// Who handles a warning (whoever signs for it, or the officer the head assigns) and how a
/// rectification order is closed: by later data, never by a person (S3, art. 33).
/// </summary>
public sealed class WarningHandlingTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = "济南奥体游泳健身有限公司";

    /// <summary>A low-chlorine warning on the device whose episode ran from 30 to 28 hours ago.</summary>
    private Task<Guid> PastWarningAsync(Guid device) => TestWarnings.RaiseAsync(
        app, Pool, "游离性余氯 0.1 mg/L 低于下限", "POOL-FCL-LOW", device, at: DateTimeOffset.UtcNow.AddHours(-30).AddMinutes(40), end: DateTimeOffset.UtcNow.AddHours(-28));

    private async Task OrderRectificationAsync(Guid id)
    {
        var officer = await app.ClientForAsync("lx.officer1");
        foreach (var action in new[] { "SignFor", "StartChecking" })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", new { action })).StatusCode);
        }

        var rectifyBy = DateOnly.FromDateTime(DateTime.Today).AddDays(3);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", new { action = "OrderRectification", note = "告知提醒", rectifyBy })).StatusCode);
    }

    private async Task<int> VerifyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectificationCheck>().VerifyAsync(default);
    }

    private async Task<Warning> WarningAsync(Guid id)
    {
        await using var db = app.Db();
        return await db.Warnings.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    [Fact]
    public async Task WhoeverSignsForAWarningHandlesItAndTheHeadMayGiveItToAnotherOfficerOfTheAgency()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "ASG-1");
        var id = await PastWarningAsync(device);
        var officer = await app.ClientForAsync("lx.officer1");

        await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", new { action = "SignFor" });
        var mine = await officer.GetFromJsonAsync<JsonElement>("/api/v1/warnings?mine=true&pageSize=100");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetGuid() == id && w.GetProperty("assigneeName").GetString()!.Contains("lx.officer1"));

        var head = await app.ClientForAsync("lx.head");
        Guid IdOf(string user) { using var db = app.Db(); return db.Users.Single(u => u.UserName == user).Id; }
        var elsewhere = await Problem.ReadAsync(await head.PostAsJsonAsync($"/api/v1/warnings/{id}/assignee", new { officerId = IdOf("ls.officer1") }), HttpStatusCode.BadRequest);
        Assert.Equal("请选择该监管对象所属机构的执法人员。", elsewhere.Body.GetProperty("errors").GetProperty("officerId")[0].GetString());
        var assigned = await (await head.PostAsJsonAsync($"/api/v1/warnings/{id}/assignee", new { officerId = IdOf("lx.officer2") })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("lx.officer2", assigned.GetProperty("assigneeName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/assignee", new { officerId = IdOf("lx.officer1") })).StatusCode);
    }

    [Fact]
    public async Task ARectificationIsConfirmedOnlyByADayOfCompliantDataAfterTheEpisode()
    {
        var (covered, secret) = await TestDevices.ActiveAsync(app, Pool, "RCT-1");
        var (thin, secret2) = await TestDevices.ActiveAsync(app, Pool, "RCT-2");
        var verified = await PastWarningAsync(covered);
        var pending = await PastWarningAsync(thin);
        await OrderRectificationAsync(verified);
        await OrderRectificationAsync(pending);

        // Half-hourly compliant readings from the end of the episode to now on one device; only ten hours of them on the other.
        IEnumerable<(DateTimeOffset, string, double?, string?)> Compliant(int fromHoursAgo, int toHoursAgo) =>
            Enumerable.Range(0, ((fromHoursAgo - toHoursAgo) * 2) + 1).Select(i => (DateTimeOffset.UtcNow.AddHours(-fromHoursAgo).AddMinutes(30 * i), "free_chlorine", (double?)0.5, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, covered, secret, TestDevices.Batch([.. Compliant(28, 1)]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, thin, secret2, TestDevices.Batch([.. Compliant(28, 18)]))).StatusCode);

        await VerifyAsync();

        var done = await WarningAsync(verified);
        Assert.Equal((WarningStatus.Rectified, false, RectificationCheck.Verifier), (done.Status, done.IsOpen, done.HandledBy));
        Assert.Equal(WarningStatus.RectificationOrdered, (await WarningAsync(pending)).Status);

        // No one can confirm a rectification by hand.
        var manual = await (await app.ClientForAsync("lx.officer1")).PostAsJsonAsync($"/api/v1/warnings/{pending}/actions", new { action = "ConfirmRectified" });
        Assert.Equal(HttpStatusCode.BadRequest, manual.StatusCode);
    }
}
