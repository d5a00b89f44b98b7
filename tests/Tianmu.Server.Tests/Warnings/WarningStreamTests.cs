using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// The live board's event stream on two nodes sharing one database: a warning raised from readings
/// on node A reaches an officer of its jurisdiction connected to node B — the stream is driven by the
/// database, not by an event inside one process — and never an officer of another jurisdiction.
/// </summary>
public sealed class WarningStreamTests : TwoNodes
{
    private const string Pool = "济南奥体游泳健身有限公司"; // 历下区
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWarningRaisedOnOneNodeReachesTheOtherNodesClientsOfItsJurisdictionOnly()
    {
        await using var lixia = await EventStream.OpenAsync(await B.ClientForAsync("lx.officer1"), "/api/v1/warnings/stream");
        await using var laoshan = await EventStream.OpenAsync(await B.ClientForAsync("ls.officer1"), "/api/v1/warnings/stream");
        Assert.Equal(HttpStatusCode.OK, lixia.Response.StatusCode);
        Assert.Equal("text/event-stream", lixia.Response.Content.Headers.ContentType?.MediaType);

        // Free chlorine at 0.1 mg/L for the last 30 minutes, pushed to node A: its worker raises POOL-FCL-LOW.
        var (device, secret) = await TestDevices.ActiveAsync(A, Pool, "SSE-1");
        var low = Enumerable.Range(1, 30).Reverse().Select(m => (DateTimeOffset.UtcNow.AddMinutes(-m), "free_chlorine", (double?)(0.1 + (m % 3 * 0.02)), (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(A, device, secret, TestDevices.Batch([.. low]))).StatusCode);

        var raised = await lixia.WaitForAsync(e => e.Name == "warning" && e.Data.GetProperty("deviceId").GetString() == device.ToString()
            && e.Data.GetProperty("category").GetString() == "Violation", Within);
        Assert.NotNull(raised);
        Assert.Equal(Pool, raised.Data.GetProperty("entityName").GetString());
        Assert.Equal("新预警", raised.Data.GetProperty("statusName").GetString());
        Assert.Contains("游离性余氯", raised.Data.GetProperty("summary").GetString());
        Assert.False(raised.Data.TryGetProperty("agencyPath", out _)); // routing data stays on the server
        await using (var db = Database.Context())
        {
            var id = raised.Data.GetProperty("id").GetGuid();
            Assert.Equal(Tianmu.Warnings.WarningStatus.New, (await db.Warnings.SingleAsync(w => w.Id == id)).Status);
        }

        // A change is streamed too: the officer signs for it on node A.
        var warningId = raised.Data.GetProperty("id").GetGuid();
        var signed = await (await A.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/warnings/{warningId}/actions",
            new StringContent("{\"action\":\"SignFor\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.NotNull(await lixia.WaitForAsync(e => e.Name == "warning" && e.Data.GetProperty("id").GetGuid() == warningId && e.Data.GetProperty("status").GetString() == "SignedFor", Within));

        await Task.Delay(WarningFeedPolls(3)); // give the other subscription every chance to (wrongly) receive it
        Assert.DoesNotContain(laoshan.Received, e => e.Name == "warning" && e.Data.GetProperty("id").GetGuid() == warningId);
    }

    [Fact]
    public async Task AClientResumingWithLastEventIdGetsWhatItMissedAndAfterALongBreakReloads()
    {
        var missed = await TestWarnings.RaiseAsync(A, Pool, "断线期间产生的预警", "POOL-TURBIDITY");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks.ToString(CultureInfo.InvariantCulture);

        await using (var resumed = await EventStream.OpenAsync(await B.ClientForAsync("lx.officer2"), "/api/v1/warnings/stream", before))
        {
            var again = await resumed.WaitForAsync(e => e.Name == "warning" && e.Data.GetProperty("id").GetGuid() == missed, Within);
            Assert.NotNull(again);
            Assert.True(long.Parse(again.Id!, CultureInfo.InvariantCulture) > long.Parse(before, CultureInfo.InvariantCulture));
        }

        var longAgo = DateTimeOffset.UtcNow.AddHours(-2).UtcTicks.ToString(CultureInfo.InvariantCulture);
        await using var stale = await EventStream.OpenAsync(await B.ClientForAsync("lx.officer2"), "/api/v1/warnings/stream", longAgo);
        Assert.NotNull(await stale.WaitForAsync(e => e.Name == "reset", Within));
    }

    [Fact]
    public async Task OnlyStaffMayListenAndTheWebPageUsesItsCookie()
    {
        var entity = await B.ClientForAsync("ent.demo");
        var refused = await entity.GetAsync("/api/v1/warnings/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The board page's EventSource cannot send a bearer token: its twin under /warnings answers to the sign-in cookie.
        await using var page = await EventStream.OpenAsync(await B.CookieClientAsync("lx.officer1"), "/warnings/stream");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var id = await TestWarnings.RaiseAsync(A, Pool, "页面实时推送测试", "POOL-PH");
        Assert.NotNull(await page.WaitForAsync(e => e.Name == "warning" && e.Data.GetProperty("id").GetGuid() == id, Within));
    }

    private static TimeSpan WarningFeedPolls(int n) => Tianmu.Server.Warnings.WarningFeed.PollInterval * n;
}
