using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Security;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// 消息发送失败: administrators and heads see the failed SMS and e-mails of their jurisdiction, recipients masked,
/// and put one back in the queue (audited), after which the worker delivers it.
/// </summary>
public sealed class DeadLetterTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Quancheng = "济南泉城游泳馆有限公司"; // 历下区
    private const string Haiyun = "青岛崂山海韵游泳馆";       // 崂山区

    /// <summary>An e-mail given up after its attempts, as the worker leaves one (saved failed: the worker never claims it).</summary>
    private async Task<Guid> FailedEmailAsync(string entityName, string address)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var mail = Notification.ToEmail(id, NotificationKind.DocumentServed, new NotificationAddress(entity.Id, entity.AgencyPath),
            new NotificationContent($"test:dead:{id}", TestMail.Subject, TestMail.Body(entityName), null), protector.Protect(address)!, Mask.Email(address), now);
        mail.MarkAttemptFailed("邮件服务器 10 秒内未完成投递", now, null);
        db.Notifications.Add(mail);
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<List<JsonElement>> FailedAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/failed?pageSize=200")).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task AdministratorsAndHeadsSeeTheFailedMessagesOfTheirJurisdictionOnly()
    {
        var lixia = await FailedEmailAsync(Quancheng, "lixia.failed@example.cn");
        var laoshan = await FailedEmailAsync(Haiyun, "laoshan.failed@example.cn");

        var head = await FailedAsync(await app.ClientForAsync("lx.head"));
        Assert.Contains(head, i => i.GetProperty("id").GetGuid() == lixia);
        Assert.DoesNotContain(head, i => i.GetProperty("id").GetGuid() == laoshan);
        Assert.All(head, i => Assert.Equal("Failed", i.GetProperty("status").GetString())); // sent and portal messages are no dead letters
        var item = head.Single(i => i.GetProperty("id").GetGuid() == lixia);
        Assert.Equal(("l***@example.cn", "电子邮件", "文书送达", "邮件服务器 10 秒内未完成投递", 1),
            (item.GetProperty("recipient").GetString(), item.GetProperty("channelName").GetString(), item.GetProperty("kindName").GetString(),
             item.GetProperty("lastError").GetString(), item.GetProperty("attempts").GetInt32()));

        var qingdao = await FailedAsync(await app.ClientForAsync("qd.admin"));
        Assert.Contains(qingdao, i => i.GetProperty("id").GetGuid() == laoshan);
        Assert.DoesNotContain(qingdao, i => i.GetProperty("id").GetGuid() == lixia);
        var platform = await FailedAsync(await app.ClientForAsync("admin", TianmuApp.AdminPassword));
        Assert.Contains(platform, i => i.GetProperty("id").GetGuid() == lixia);
        Assert.Contains(platform, i => i.GetProperty("id").GetGuid() == laoshan);

        var page = await (await app.CookieClientAsync("lx.head")).GetStringAsync("/admin/notifications");
        Assert.Contains("消息发送失败", page, StringComparison.Ordinal);
        Assert.Contains("l***@example.cn", page, StringComparison.Ordinal);
        Assert.Contains($"resend-{lixia}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("laoshan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("lixia.failed@example.cn", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/notifications\"", page, StringComparison.Ordinal); // in the navigation
    }

    [Fact]
    public async Task ResendingPutsAFailedEmailBackInTheQueueItIsAuditedAndDeliveredOnce()
    {
        var id = await FailedEmailAsync(Quancheng, "resend.me@example.cn");

        var outside = await (await app.ClientForAsync("qd.admin")).PostAsync($"/api/v1/notifications/{id}/retry", null);
        Assert.Equal("not_found", (await Problem.ReadAsync(outside, HttpStatusCode.NotFound)).Code);
        Assert.Equal(NotificationStatus.Failed, (await TestMail.RowAsync(app, id)).Status);

        var response = await (await app.ClientForAsync("lx.head")).PostAsync($"/api/v1/notifications/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Pending", 0), (view.GetProperty("status").GetString(), view.GetProperty("attempts").GetInt32()));

        var mail = Assert.Single(await app.Smtp.WaitForAsync(id));
        Assert.Equal(["resend.me@example.cn"], mail.RcptTos);
        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (row.Status, row.Attempts, row.LastError));
        await using (var db = app.Db())
        {
            var audit = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == "notification.resent" && a.EntityId == id.ToString());
            Assert.Equal("lx.head", audit.ActorName);
            var changes = JsonDocument.Parse(audit.Changes).RootElement;
            Assert.Equal([1, 0], changes.GetProperty("attempts").EnumerateArray().Select(v => v.GetInt32())); // the attempts before stay on record
            Assert.True(changes.TryGetProperty("status", out _));
            Assert.DoesNotContain("resend.me", audit.Changes, StringComparison.Ordinal);
        }

        var again = await (await app.ClientForAsync("lx.head")).PostAsync($"/api/v1/notifications/{id}/retry", null);
        Assert.Equal("notification_not_failed", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);
        await Task.Delay(500);
        Assert.Single(app.Smtp.For(id));
    }

    [Fact]
    public async Task AnSmsThatHadNoPhoneNumberCannotBeResent()
    {
        Guid id;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == Quancheng);
            id = Guid.CreateVersion7();
            db.Notifications.Add(Notification.ToPhone(id, NotificationKind.WarningRaised, new NotificationAddress(entity.Id, entity.AgencyPath),
                $"test:nophone:{id}", "预警告知", new SmsText("测试", "无号码", new Dictionary<string, string>()), null, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var response = await (await app.ClientForAsync("jn.admin")).PostAsync($"/api/v1/notifications/{id}/retry", null);
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("notification_without_recipient", problem.Code);
        Assert.Contains("电话告知", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Failed, (await TestMail.RowAsync(app, id)).Status);
    }

    [Fact]
    public async Task TheResendButtonOnThePageQueuesTheMessageAgain()
    {
        var id = await FailedEmailAsync(Quancheng, "page.resend@example.cn");
        var web = await app.CookieClientAsync("lx.head");

        var response = await TestMail.PostFormAsync(web, "/admin/notifications", $"resend-{id}");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已重新发送", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"resend-{id}", page, StringComparison.Ordinal); // no longer a dead letter
        Assert.Single(await app.Smtp.WaitForAsync(id));
        Assert.Equal(NotificationStatus.Sent, (await TestMail.SettledAsync(app, id)).Status);
    }
}
