using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>我的消息: a staff member reads their own messages (case deadline reminders, escalations) and marks them read.</summary>
public sealed class StaffInboxTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private async Task<Guid> MessageToAsync(string userName, string title)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉城游泳馆有限公司");
        var id = Guid.CreateVersion7();
        db.Notifications.Add(Notification.ToStaff(id, NotificationKind.CaseDeadlineReminder, await app.UserIdAsync(userName), new NotificationAddress(entity.Id, entity.AgencyPath),
            new NotificationContent($"test:staff:{id}", title, "距立案期限还有 2 个工作日。", "/cases/00000000-0000-0000-0000-000000000001"), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task AStaffMemberSeesOnlyTheirOwnMessagesAndMarksThemRead()
    {
        var first = await MessageToAsync("lx.officer1", "期限提醒：立案（测试一）");
        var second = await MessageToAsync("lx.officer1", "期限提醒：立案（测试二）");
        var others = await MessageToAsync("lx.officer2", "期限提醒：立案（他人）");
        var web = await app.CookieClientAsync("lx.officer1");

        var page = await web.GetStringAsync("/inbox");
        Assert.Contains("我的消息", page, StringComparison.Ordinal);
        Assert.Contains("期限提醒：立案（测试一）", page, StringComparison.Ordinal);
        Assert.Contains("期限提醒：立案（测试二）", page, StringComparison.Ordinal);
        Assert.DoesNotContain("他人", page, StringComparison.Ordinal);
        Assert.Contains("案件期限提醒", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/inbox\"", page, StringComparison.Ordinal); // in the navigation

        var api = await app.ClientForAsync("lx.officer1");
        var unread = (await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications/mine")).GetProperty("unread").GetInt32();
        var read = await api.PostAsync($"/api/v1/notifications/mine/{first}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(JsonValueKind.String, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAt").ValueKind);
        Assert.Equal(unread - 1, (await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications/mine")).GetProperty("unread").GetInt32());
        var notMine = await api.PostAsync($"/api/v1/notifications/mine/{others}/read", null);
        Assert.Equal("not_found", (await Problem.ReadAsync(notMine, HttpStatusCode.NotFound)).Code);

        var response = await TestMail.PostFormAsync(web, "/inbox", $"read-{second}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain($"read-{second}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // no button once read
        await using var db = app.Db();
        var rows = await db.Notifications.AsNoTracking().Where(n => n.Id == first || n.Id == second || n.Id == others).ToDictionaryAsync(n => n.Id);
        Assert.NotNull(rows[first].ReadAt);
        Assert.NotNull(rows[second].ReadAt);
        Assert.Null(rows[others].ReadAt);
    }

    [Fact]
    public async Task StaffMessagesStayOutOfTheOutboxViewOfEntityMessages()
    {
        var id = await MessageToAsync("lx.head", "逾期督办（测试）");
        var list = await (await app.ClientForAsync("jn.admin")).GetFromJsonAsync<JsonElement>($"/api/v1/notifications?source=test:staff:{id}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }
}
