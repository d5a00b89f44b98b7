using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Security;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// Notify and confirm (S15/Z16, art. 41): a violation warning queues a portal message and an SMS in
/// its own transaction; the SMS goes out once through a real HTTP gateway, after failures too, even
/// with workers racing for it; the entity reads its own messages only; phone numbers stay out of logs.
/// </summary>
public sealed class NotificationTests(NotifyApp app) : IClassFixture<NotifyApp>
{
    private const string Quancheng = "济南泉城游泳馆有限公司"; // ent.demo acts for it
    private const string Aoti = "济南奥体游泳健身有限公司";
    private const string Minghu = "济南明湖水上运动中心"; // the gateway fails each message's first attempt
    private const string Haiyun = "青岛崂山海韵游泳馆";   // the gateway is always down for it

    private static DateTimeOffset Ago(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes);

    /// <summary>Free chlorine each minute for 90 minutes, 0.1 mg/L (below 0.3) from 50 to 21 minutes ago.</summary>
    private static (DateTimeOffset, string, double?, string?)[] LowChlorine() =>
        [.. Enumerable.Range(1, 90).Reverse().Select(m => (Ago(m), "free_chlorine", (double?)(m is <= 50 and >= 21 ? 0.1 : 0.5), (string?)"N"))];

    private async Task<Warning> RaiseViolationAsync(string entity, string serial)
    {
        var (device, secret) = await TestDevices.ActiveAsync(app, entity, serial, officer: entity == Haiyun ? "ls.officer1" : "lx.officer1");
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch(LowChlorine()))).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, default);
        }

        await using var db = app.Db();
        return await db.Warnings.SingleAsync(w => w.DeviceId == device && w.RuleCode == "POOL-FCL-LOW");
    }

    private async Task<List<Notification>> NotificationsAsync(Guid warning)
    {
        await using var db = app.Db();
        var prefix = $"warning:{warning}:";
        return await db.Notifications.Where(n => n.Source.StartsWith(prefix)).OrderBy(n => n.Channel).ToListAsync();
    }

    private async Task<Notification> SmsSettledAsync(Guid warning, NotificationKind kind = NotificationKind.WarningRaised)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var sms = (await NotificationsAsync(warning)).Single(n => n.Channel == NotificationChannel.Sms && n.Kind == kind);
            if (sms.Status != NotificationStatus.Pending || DateTime.UtcNow > deadline)
            {
                return sms;
            }

            await Task.Delay(100);
        }
    }

    private async Task<string> PhoneOfAsync(string entity)
    {
        await using var db = app.Db();
        var cipher = await db.Entities.Where(e => e.Name == entity).Select(e => e.ContactPhoneCipher).SingleAsync();
        return app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(cipher)!;
    }

    [Fact]
    public async Task AViolationWarningQueuesOnePortalMessageAndOneSmsAndADeviceWarningNone()
    {
        var warning = await RaiseViolationAsync(Aoti, "NTF-1");

        var queued = await NotificationsAsync(warning.Id);
        Assert.Equal([NotificationChannel.Portal, NotificationChannel.Sms], queued.Select(n => n.Channel));
        Assert.All(queued, n =>
        {
            Assert.Equal(NotificationKind.WarningRaised, n.Kind);
            Assert.Equal($"warning:{warning.Id}:raised", n.Source);
            Assert.Equal(warning.EntityId, n.EntityId);
            Assert.Equal(warning.CreatedAt, n.CreatedAt); // queued by the same unit of work as the warning
            Assert.Contains(Aoti, n.Body);
            Assert.Contains(warning.RuleName, n.Body);
            Assert.Contains(Tianmu.Common.ChinaTime.Format(warning.EpisodeStart), n.Body); // China time, as the entity reads it
        });
        var portal = queued[0];
        Assert.Equal(NotificationStatus.Sent, portal.Status); // in the inbox as soon as it committed
        Assert.Equal($"/portal/warnings/{warning.Id}", portal.Link);
        Assert.Contains(warning.Clause, portal.Body);
        var sms = queued[1];
        Assert.Equal(Mask.Phone(await PhoneOfAsync(Aoti)), sms.RecipientMasked);
        Assert.Equal(await PhoneOfAsync(Aoti), app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(sms.RecipientCipher));

        // Every warning of this device: violation and self-supervision ones announce, the others do not.
        await using (var db = app.Db())
        {
            foreach (var w in await db.Warnings.Where(w => w.DeviceId == warning.DeviceId).ToListAsync())
            {
                Assert.Equal(Notifier.Announces(w.Category) ? 2 : 0, (await NotificationsAsync(w.Id)).Count);
            }
        }

        // A device gone silent raises a device warning, which is the agency's matter: nothing is queued.
        var (silent, secret) = await TestDevices.ActiveAsync(app, Aoti, "NTF-2");
        var old = Enumerable.Range(0, 5).Select(i => (DateTimeOffset.UtcNow.AddHours(-30).AddMinutes(i), "free_chlorine", (double?)0.5, (string?)"N"));
        await TestDevices.PushAsync(app, silent, secret, TestDevices.Batch([.. old]));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(silent, default, RuleKind.MissingData); // or the worker got there first
        }

        await using (var db = app.Db())
        {
            var deviceWarning = await db.Warnings.SingleAsync(w => w.DeviceId == silent);
            Assert.Equal(WarningCategory.Device, deviceWarning.Category);
            Assert.Empty(await NotificationsAsync(deviceWarning.Id));
        }
    }

    [Fact]
    public async Task RecordersRacingOverOneEpisodeLeaveOneWarningAndOnePairOfNotifications()
    {
        // Whoever loses the one-open-warning race rolls back its notifications with its warning.
        var (device, _) = await TestDevices.ActiveAsync(app, Aoti, "NTF-3");
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        var rule = new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-PH"));
        WarningSubject subject;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == Aoti);
            subject = new WarningSubject(device, entity.Id, entity.AgencyId, entity.AgencyPath);
        }

        var episode = new Episode(Ago(30), Ago(20), null, [], "pH 6.4 低于下限 7.0");
        var raised = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WarningRecorder>().RecordAsync(rule, subject, episode, DateTimeOffset.UtcNow, default);
        }));

        Assert.Equal(1, raised.Count(r => r));
        await using var check = app.Db();
        var warning = await check.Warnings.SingleAsync(w => w.DeviceId == device);
        Assert.Equal(2, (await NotificationsAsync(warning.Id)).Count);
        Assert.Equal(2, await check.Notifications.CountAsync(n => n.EntityId == subject.EntityId && n.CreatedAt == warning.CreatedAt));
    }

    [Fact]
    public async Task TheJobSendsTheSmsOnceThroughTheGatewayRetryingAfterAFailureWithTheSameId()
    {
        var warning = await RaiseViolationAsync(Minghu, "NTF-4");

        var sms = await SmsSettledAsync(warning.Id);
        Assert.Equal(NotificationStatus.Sent, sms.Status);
        Assert.Equal(2, sms.Attempts);
        Assert.NotNull(sms.SentAt);
        Assert.Null(sms.LastError);
        var requests = app.Gateway.For(sms.Id);
        Assert.Equal([503, 200], requests.Select(r => r.Status));
        Assert.All(requests, r =>
        {
            Assert.Equal(sms.Id.ToString(), r.IdempotencyKey); // the gateway can drop a repeat
            Assert.Equal("Bearer test-gateway-token", r.Authorization);
            Assert.Equal(sms.Body, r.Text);
        });
        Assert.Equal(await PhoneOfAsync(Minghu), requests[0].To); // only the gateway sees the number in clear

        // A template platform gets the approved template's code, the signature and the values, which make up the text.
        var sent = requests[^1];
        Assert.Equal(NotifyApp.TemplateCode(NotificationKind.WarningRaised), sent.TemplateCode);
        Assert.Equal("济南市历下区卫生健康局", sent.Sign);
        Assert.Equal(Minghu, sent.Values!["entity"]);
        Assert.Equal(warning.RuleName, sent.Values["rule"]);
        Assert.Equal(sent.Text, new SmsText(sent.Sign!, SmsTemplates.All[NotificationKind.WarningRaised], sent.Values).Text);

        // Later rounds send nothing more.
        await Task.Delay(1500);
        Assert.Equal(2, app.Gateway.For(sms.Id).Count);
    }

    [Fact]
    public async Task AnSmsTheGatewayKeepsRefusingIsGivenUpAsFailedAndStaffOfItsJurisdictionSeeIt()
    {
        var warning = await RaiseViolationAsync(Haiyun, "NTF-5");

        var sms = await SmsSettledAsync(warning.Id);
        Assert.Equal(NotificationStatus.Failed, sms.Status);
        Assert.Equal(3, sms.Attempts); // Tianmu:Sms:MaxAttempts
        Assert.Equal("短信网关返回 HTTP 503", sms.LastError);
        Assert.Equal(3, app.Gateway.For(sms.Id).Count);

        var laoshan = await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/notifications?status=Failed&source=warning:{warning.Id}:");
        var text = await laoshan.Content.ReadAsStringAsync();
        var item = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(sms.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("发送失败", item.GetProperty("statusName").GetString());
        Assert.Equal(Mask.Phone(await PhoneOfAsync(Haiyun)), item.GetProperty("recipient").GetString());
        Assert.DoesNotContain(await PhoneOfAsync(Haiyun), text);

        var lixia = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/notifications?entityId={warning.EntityId}");
        Assert.Equal(0, lixia.GetProperty("total").GetInt32()); // another county's entity
    }

    [Fact]
    public async Task DeliveryWorkersRacingForTheSameRowsSendEachMessageExactlyOnce()
    {
        Guid entity;
        string cipher;
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var db = app.Db())
        {
            var e = await db.Entities.SingleAsync(x => x.Name == Aoti);
            (entity, cipher) = (e.Id, e.ContactPhoneCipher!);
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                db.Notifications.Add(Notification.ToPhone(id, NotificationKind.WarningRaised, new NotificationAddress(entity, e.AgencyPath),
                    $"test:race:{id}", "测试", new SmsText("测试", $"并发发送测试第 {i} 条", new Dictionary<string, string>()), cipher, "137****0007", now));
            }

            await db.SaveChangesAsync();
        }

        // Four workers with their own connections, as on four nodes, plus the server's own job.
        await TestMail.RaceAsync([app, app, app, app], ids);

        foreach (var id in ids)
        {
            Assert.Single(app.Gateway.For(id));
        }

        await using (var db = app.Db())
        {
            var rows = await db.Notifications.Where(n => ids.Contains(n.Id)).ToListAsync();
            Assert.All(rows, n => Assert.Equal((NotificationStatus.Sent, 1, (Guid?)null), (n.Status, n.Attempts, n.ClaimToken)));
        }
    }

    [Fact]
    public async Task OrderingRectificationQueuesTheReminderWithItsDeadline()
    {
        var warning = await RaiseViolationAsync(Aoti, "NTF-6");
        var officer = await app.ClientForAsync("lx.officer1");
        var by = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(5);
        foreach (var step in new object[] { new { action = "SignFor" }, new { action = "StartChecking" }, new { action = "OrderRectification", note = "立即投加消毒剂", rectifyBy = by } })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{warning.Id}/actions", step)).StatusCode);
        }

        var order = (await NotificationsAsync(warning.Id)).Where(n => n.Kind == NotificationKind.RectificationOrdered).ToList();
        Assert.Equal([NotificationChannel.Portal, NotificationChannel.Sms], order.Select(n => n.Channel));
        Assert.All(order, n =>
        {
            Assert.Equal($"warning:{warning.Id}:rectification", n.Source);
            Assert.Contains($"{by.Year}年{by.Month}月{by.Day}日", n.Body);
        });
        Assert.Contains("第三十三条", order[0].Body);
        Assert.Contains("立即投加消毒剂", order[0].Body);
        Assert.Equal(NotificationStatus.Sent, (await SmsSettledAsync(warning.Id, NotificationKind.RectificationOrdered)).Status);
    }

    [Fact]
    public async Task TheEntityReadsOnlyItsOwnMessagesAndMarksThemRead()
    {
        var own = await RaiseViolationAsync(Quancheng, "NTF-7");
        var other = await RaiseViolationAsync(Aoti, "NTF-8");
        var ownMessage = (await NotificationsAsync(own.Id)).Single(n => n.Channel == NotificationChannel.Portal);
        var otherMessage = (await NotificationsAsync(other.Id)).Single(n => n.Channel == NotificationChannel.Portal);
        var entity = await app.ClientForAsync("ent.demo");

        var inbox = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/messages?pageSize=200");
        var items = inbox.GetProperty("messages").GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, m => m.GetProperty("id").GetGuid() == ownMessage.Id);
        Assert.All(items, m => Assert.Equal(Quancheng, m.GetProperty("entityName").GetString()));
        Assert.DoesNotContain(items, m => m.GetProperty("id").GetGuid() == otherMessage.Id);
        var unread = inbox.GetProperty("unread").GetInt32();
        Assert.True(unread >= 1);

        Assert.Equal(HttpStatusCode.NotFound, (await entity.PostAsync($"/api/v1/portal/messages/{otherMessage.Id}/read", null)).StatusCode);
        var sms = (await NotificationsAsync(own.Id)).Single(n => n.Channel == NotificationChannel.Sms);
        Assert.Equal(HttpStatusCode.NotFound, (await entity.PostAsync($"/api/v1/portal/messages/{sms.Id}/read", null)).StatusCode); // SMS rows are no inbox

        var read = await (await entity.PostAsync($"/api/v1/portal/messages/{ownMessage.Id}/read", null)).Content.ReadFromJsonAsync<JsonElement>();
        var readAt = read.GetProperty("readAt").GetDateTimeOffset();
        var again = await (await entity.PostAsync($"/api/v1/portal/messages/{ownMessage.Id}/read", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(readAt, again.GetProperty("readAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1)); // the first reading counts (PostgreSQL keeps microseconds)
        Assert.Equal(unread - 1, (await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/messages")).GetProperty("unread").GetInt32());
        await using (var db = app.Db())
        {
            Assert.Null((await db.Notifications.SingleAsync(n => n.Id == otherMessage.Id)).ReadAt);
        }

        // The page: the entity's messages, unread ones highlighted, each linking to its warning.
        var page = await (await app.CookieClientAsync("ent.demo")).GetStringAsync("/portal/messages");
        Assert.Contains($"href=\"/portal/warnings/{own.Id}\"", page);
        Assert.DoesNotContain($"/portal/warnings/{other.Id}", page);
        Assert.Contains("class=\"unread\"", page);
        Assert.Contains("标为已读", page);
    }

    [Fact]
    public async Task PhoneNumbersNeverAppearInTheLogs()
    {
        var flaky = await RaiseViolationAsync(Minghu, "NTF-9");
        var ok = await RaiseViolationAsync(Aoti, "NTF-10");
        var sent = await SmsSettledAsync(ok.Id);
        await SmsSettledAsync(flaky.Id);

        Assert.Equal(NotificationStatus.Sent, sent.Status);
        var deadline = DateTime.UtcNow.AddSeconds(5); // the line is written just after the result is stored
        while (!app.Logs.Entries.Any(l => l.Contains($"Notification {sent.Id} sent by SMS", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var logs = app.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Contains($"Notification {sent.Id} sent by SMS", StringComparison.Ordinal)); // delivery is logged, by id
        Assert.Contains(logs, l => l.Contains("failed: 短信网关返回 HTTP 503", StringComparison.Ordinal)); // and failures
        Assert.Contains(logs, l => l.Contains("Sending HTTP request POST", StringComparison.Ordinal)); // so is the gateway call itself
        await using var db = app.Db();
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        foreach (var cipher in await db.Entities.Where(e => e.ContactPhoneCipher != null).Select(e => e.ContactPhoneCipher).ToListAsync())
        {
            var phone = protector.Unprotect(cipher)!;
            Assert.DoesNotContain(logs, l => l.Contains(phone, StringComparison.Ordinal));
        }
    }
}
