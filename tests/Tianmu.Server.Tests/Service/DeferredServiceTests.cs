using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Server.Tests.Accountability;
using Tianmu.Service;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>
/// Services the platform completes later: by SMS alone, served when the gateway accepts the message (民事诉讼法第九十条);
/// by public notice, deemed served 30 days after publication (第九十五条). The test runs the completion job's round.
/// </summary>
public sealed class DeferredServiceTests(ServiceClockApp app) : IClassFixture<ServiceClockApp>
{
    [Fact]
    public async Task WithoutThePortalTheServiceDateIsTheGatewaysAcceptanceOfTheMessage()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool);
        await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, phone = "13812345678" });
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();

        var pending = await (await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", pending.GetProperty("status").GetString());
        var id = pending.GetProperty("id").GetGuid();
        await CompleteDueAsync(app);
        Assert.Equal(CaseStage.Decided, await StageAsync(caseId)); // not yet reached the party's system

        // The gateway accepts the SMS (what the delivery worker records).
        var accepted = app.Clock.GetUtcNow();
        await using (var db = app.Db())
        {
            var sms = await db.Notifications.SingleAsync(n => n.Source == $"service:{id}" && n.Channel == NotificationChannel.Sms);
            Assert.Equal("138****5678", sms.RecipientMasked);
            sms.MarkSent(accepted);
            await db.SaveChangesAsync();
        }

        Assert.True(await CompleteDueAsync(app) > 0);

        await using var check = app.Db();
        var record = await check.ServiceRecords.SingleAsync(r => r.Id == id);
        Assert.Equal(ServiceStatus.Served, record.Status);
        Assert.Equal(accepted.ToUniversalTime(), record.DeliveredAt!.Value.ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(ChinaTime.DateOf(accepted), record.ServedOn);
        var c = await check.Cases.SingleAsync(x => x.Id == caseId);
        Assert.Equal((CaseStage.Served, ChinaTime.DateOf(accepted), "电子送达"), (c.Stage, c.ServedOn, c.ServiceMethod));
        Assert.NotNull(record.ReceiptDocumentId);
    }

    [Fact]
    public async Task APublicNoticeIsDeemedServedThirtyDaysAfterPublicationAndThePlatformTakesTheStepThen()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, OtherPool);
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();

        var recorded = await officer.PostAsJsonAsync($"/api/v1/documents/{decision}/service", new
        {
            method = "PublicNotice",
            publishedOn = Today,
            publishedWhere = "济南市历下区卫生健康局门户网站“公告公示”栏目",
            reason = "直接送达时经营场所已关闭，邮寄送达被退回，当事人下落不明。",
        });

        Assert.True(recorded.StatusCode == HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        var service = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var id = service.GetProperty("id").GetGuid();
        var due = DateOnly.Parse(service.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("Pending", service.GetProperty("status").GetString());
        Assert.Equal(ServiceRules.DeemedServedOn(Today, await TestDuties.CalendarAsync(app)), due);
        Assert.True(due >= Today.AddDays(30));
        try
        {
            app.Clock.Offset = TimeSpan.FromDays(due.DayNumber - Today.DayNumber - 1);
            await CompleteDueAsync(app);
            Assert.Equal(CaseStage.Decided, await StageAsync(caseId)); // the 29th day: not yet

            app.Clock.Offset = TimeSpan.FromDays(due.DayNumber - Today.DayNumber);
            await CompleteDueAsync(app);

            await using var db = app.Db();
            var record = await db.ServiceRecords.SingleAsync(r => r.Id == id);
            Assert.Equal((ServiceStatus.Served, due), (record.Status, record.ServedOn));
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            Assert.Equal((CaseStage.Served, due, "公告送达"), (c.Stage, c.ServedOn, c.ServiceMethod));
            var step = await db.CaseEvents.SingleAsync(e => e.CaseId == caseId && e.Action == "RecordService");
            Assert.Equal("天目平台（自动送达）", step.ActorName);
            Assert.Contains("经过三十日视为送达", step.Note);
            var receipt = await db.Documents.SingleAsync(d => d.Id == record.ReceiptDocumentId);
            Assert.Contains("公告送达的原因和经过", receipt.FieldValues()["note"]);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }
    }

    private async Task<CaseStage> StageAsync(Guid caseId)
    {
        await using var db = app.Db();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.Stage).SingleAsync();
    }
}
