using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Notifications;
using Tianmu.Security;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// E-mail over SMTP against a real local server (aiosmtpd): delivered once with its Chinese subject and body,
/// retried while the server is down and delivered when it is back, refused recipients failed at once; the
/// address stays out of logs, errors and staff views.
/// </summary>
public sealed class MailDeliveryTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Quancheng = "济南泉城游泳馆有限公司";

    [Fact]
    public async Task TheWorkerDeliversAnEmailOverSmtpWithItsChineseSubjectBodyAndSender()
    {
        const string address = "zhang.san@example.cn";
        var id = await TestMail.QueueAsync(app, Quancheng, address);

        var mail = Assert.Single(await app.Smtp.WaitForAsync(id));
        Assert.Equal([address], mail.RcptTos);
        Assert.Equal(MailApp.Sender, mail.MailFrom);
        Assert.Equal(address, mail.To);
        Assert.Equal($"{SmtpOptions.DefaultFromName} <{MailApp.Sender}>", mail.From); // the display name decoded from RFC 2047
        Assert.Equal(TestMail.Subject, mail.Subject);
        Assert.Equal(("text/plain", "utf-8"), (mail.ContentType, mail.Charset));
        Assert.StartsWith(TestMail.Body(Quancheng), mail.Body, StringComparison.Ordinal);
        Assert.Contains("请勿直接回复", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("泉城", mail.Raw, StringComparison.Ordinal); // encoded on the wire, as 7-bit servers need

        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal((NotificationStatus.Sent, 1, (string?)null, (Guid?)null), (row.Status, row.Attempts, row.LastError, row.ClaimToken));
        Assert.NotNull(row.SentAt);
        Assert.Equal("z***@example.cn", row.RecipientMasked);

        // Staff see the message and its delivery status, never the address.
        var response = await (await app.ClientForAsync("lx.officer1")).GetAsync($"/api/v1/notifications?source={Uri.EscapeDataString(row.Source)}");
        var text = await response.Content.ReadAsStringAsync();
        var item = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("Email", "电子邮件", "已发送", "z***@example.cn"),
            (item.GetProperty("channel").GetString(), item.GetProperty("channelName").GetString(), item.GetProperty("statusName").GetString(), item.GetProperty("recipient").GetString()));
        Assert.DoesNotContain(address, text, StringComparison.Ordinal);

        await Task.Delay(1000); // later rounds send nothing more
        Assert.Single(app.Smtp.For(id));
        await WaitForLogAsync($"Notification {id} sent by e-mail");
        Assert.DoesNotContain(app.Logs.Entries, l => l.Contains(address, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhileTheServerIsDownTheEmailIsRetriedAndItIsDeliveredOnceWhenTheServerIsBack()
    {
        const string address = "li.si@example.cn";
        await app.Smtp.StopAsync();
        Guid id;
        try
        {
            id = await TestMail.QueueAsync(app, Quancheng, address);
            var failing = await TestMail.RowWhenAsync(app, id, n => n.Attempts >= 2);
            Assert.Equal(NotificationStatus.Pending, failing.Status); // still being retried
            Assert.StartsWith("无法连接邮件服务器", failing.LastError, StringComparison.Ordinal);
            Assert.True(failing.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(-5));
        }
        finally
        {
            await app.Smtp.StartAgainAsync();
        }

        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.True(row.Attempts >= 3, $"attempts {row.Attempts}");
        Assert.Null(row.LastError);
        var mail = Assert.Single(await app.Smtp.WaitForAsync(id));
        Assert.Equal([address], mail.RcptTos);
        Assert.Contains(app.Logs.Entries, l => l.Contains($"Notification {id}: e-mail attempt 1 failed: 无法连接邮件服务器", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, l => l.Contains(address, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ARecipientTheServerRefusesIsFailedAtOnceWithTheAddressMaskedInTheError()
    {
        const string address = "refused.mailbox@example.cn";
        var id = await TestMail.QueueAsync(app, Quancheng, address);

        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal((NotificationStatus.Failed, 1), (row.Status, row.Attempts)); // 550 is permanent: not retried
        Assert.StartsWith("邮件服务器拒绝投递（SMTP 550）", row.LastError, StringComparison.Ordinal);
        Assert.Contains("r***@example.cn", row.LastError, StringComparison.Ordinal); // the server quoted the address
        Assert.DoesNotContain(address, row.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(app.Smtp.For(id));

        // It is a dead letter for the jurisdiction's administrators and heads.
        var failed = await (await app.ClientForAsync("lx.head")).GetFromJsonAsync<JsonElement>("/api/v1/notifications/failed?channel=Email&pageSize=200");
        var item = Assert.Single(failed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(("发送失败", "r***@example.cn", 1), (item.GetProperty("statusName").GetString(), item.GetProperty("recipient").GetString(), item.GetProperty("attempts").GetInt32()));
        await WaitForLogAsync($"Notification {id}: e-mail attempt 1 failed");
        Assert.DoesNotContain(app.Logs.Entries, l => l.Contains(address, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MaskingRedactsEveryAddressInAServerReply()
    {
        Assert.Equal("5.1.1 <r***@example.cn>: rejected; also a***@b.cn", MailComposer.Redact("5.1.1 <refused@example.cn>: rejected; also a.b@b.cn"));
        Assert.Equal(Mask.Email("zhang@example.cn"), MailComposer.Redact("zhang@example.cn"));
    }

    private async Task WaitForLogAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5); // the line is written just after the result is stored
        while (!app.Logs.Entries.Any(l => l.Contains(text, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(app.Logs.Entries, l => l.Contains(text, StringComparison.Ordinal));
    }
}
