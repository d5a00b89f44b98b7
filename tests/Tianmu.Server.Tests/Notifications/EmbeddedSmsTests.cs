using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Security;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>Without a gateway URL, text messages are written to {DataDir}/outbox/sms.jsonl, phone masked.</summary>
public sealed class EmbeddedSmsTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task WithoutAGatewayTheJobWritesEachSmsToTheOutboxFileWithThePhoneMasked()
    {
        Assert.IsType<FileSmsGateway>(app.Services.GetRequiredService<ISmsGateway>());
        var id = Guid.CreateVersion7();
        string phone;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉城游泳馆有限公司");
            phone = app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(entity.ContactPhoneCipher)!;
            db.Notifications.Add(Notification.ToPhone(id, NotificationKind.WarningRaised, new NotificationAddress(entity.Id, entity.AgencyPath),
                $"test:file:{id}", "测试", new SmsText("测试", "文件短信网关", new Dictionary<string, string>()), entity.ContactPhoneCipher, Mask.Phone(phone), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var file = Path.Combine(app.DataDir, "outbox", "sms.jsonl");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Notification row;
        do
        {
            await Task.Delay(200);
            await using var db = app.Db();
            row = await db.Notifications.SingleAsync(n => n.Id == id);
        }
        while (row.Status == NotificationStatus.Pending && DateTime.UtcNow < deadline);

        Assert.Equal(NotificationStatus.Sent, row.Status);
        var content = await File.ReadAllTextAsync(file);
        var line = Assert.Single(content.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(id.ToString(), StringComparison.Ordinal));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal(Mask.Phone(phone), json.GetProperty("to").GetString());
        Assert.Matches(@"^1\d{2}\*{4}\d{4}$", json.GetProperty("to").GetString());
        Assert.Equal("【测试】文件短信网关", json.GetProperty("text").GetString()); // written as Chinese, not \u escapes
        Assert.Equal("测试", json.GetProperty("sign").GetString());
        Assert.DoesNotContain(phone, content);
    }

    [Fact]
    public async Task TheSmsAccountsOwnSignatureReplacesTheAgencysAndTheValuesAreKept()
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉城游泳馆有限公司");
        var notifier = new Notifier(db, app.Services.GetRequiredService<PersonalDataProtector>(), new SmsOptions { SignName = "山东卫生监督" }, TimeProvider.System);
        var sms = SmsTemplates.Compose(NotificationKind.DocumentServed, "济南市历下区卫生健康局", ("entity", entity.Name), ("document", "《询问通知书》"));

        var rows = notifier.Queue(new NotificationAddress(entity.Id, entity.AgencyPath), NotificationKind.DocumentServed,
            new NotificationContent($"test:sign:{Guid.CreateVersion7()}", "文书送达", "门户正文", null), new NotificationRecipients(true, entity.ContactPhoneCipher), DateTimeOffset.UtcNow, sms);

        var text = Assert.Single(rows, r => r.Channel == NotificationChannel.Sms);
        Assert.Equal("山东卫生监督", text.SmsSign);
        Assert.StartsWith("【山东卫生监督】济南泉城游泳馆有限公司：本机关已向贵单位电子送达《询问通知书》", text.Body, StringComparison.Ordinal);
        Assert.Equal(sms.ValuesJson, text.SmsValues);
        Assert.Equal("门户正文", Assert.Single(rows, r => r.Channel == NotificationChannel.Portal).Body);
    }
}
