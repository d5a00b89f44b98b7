using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Security;
using Tianmu.Server.Tests.Cases;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// 电话告知 (S15/Z16): officers of the entity's jurisdiction log the calls they make — time, number (encrypted,
/// shown masked), who answered, outcome — about a warning or case of that entity; bad input is a Chinese problem.
/// </summary>
public sealed class PhoneCallTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Quancheng = "济南泉城游泳馆有限公司"; // 历下区
    private const string Haiyun = "青岛崂山海韵游泳馆";       // 崂山区

    private async Task<HttpResponseMessage> LogAsync(string user, Guid entity, object input) =>
        await (await app.ClientForAsync(user)).PostAsJsonAsync($"/api/v1/entities/{entity}/phone-calls", input);

    [Fact]
    public async Task AnOfficerLogsACallAboutAWarningWithTheNumberEncryptedAndShownMasked()
    {
        var entity = await app.EntityIdAsync(Quancheng);
        var warning = await TestWarnings.RaiseAsync(app, Quancheng, "浑浊度 1.8 NTU 高于限值 1");
        var calledAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        await app.ClientForAsync("lx.officer1"); // signing in is audited too: before counting
        var audits = await app.AuditCountAsync("lx.officer1");

        var response = await LogAsync("lx.officer1", entity, new { calledAt, number = "139 1234 5678", outcome = "Informed", answeredBy = "负责人 王某", note = "告知浑浊度超标，对方承诺今日更换滤料", warningId = warning });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var call = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("139****5678", "Informed", "已接通并告知", "负责人 王某", "黄磊"),
            (call.GetProperty("number").GetString(), call.GetProperty("outcome").GetString(), call.GetProperty("outcomeName").GetString(),
             call.GetProperty("answeredBy").GetString(), call.GetProperty("officerName").GetString()));
        Assert.Equal(warning, call.GetProperty("warningId").GetGuid());
        Assert.Equal("浑浊度", call.GetProperty("warningName").GetString()![..3]);
        Assert.Equal(calledAt, call.GetProperty("calledAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        await using (var db = app.Db())
        {
            var row = await db.PhoneCalls.AsNoTracking().SingleAsync(c => c.Id == call.GetProperty("id").GetGuid());
            Assert.Equal("13912345678", app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(row.NumberCipher));
            Assert.DoesNotContain("13912345678", row.NumberCipher, StringComparison.Ordinal);
            Assert.Equal(entity, row.EntityId);
            var audit = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.EntityType == "phone_call" && a.EntityId == row.Id.ToString());
            Assert.Equal(("phone_call.created", "lx.officer1"), (audit.Action, audit.ActorName));
            Assert.DoesNotContain("13912345678", audit.Changes, StringComparison.Ordinal);
        }

        Assert.Equal(audits + 1, await app.AuditCountAsync("lx.officer1"));

        // Every staff member of the jurisdiction reads the log; the number stays masked.
        var list = await (await app.ClientForAsync("lx.reviewer")).GetAsync($"/api/v1/entities/{entity}/phone-calls");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Contains(JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == call.GetProperty("id").GetGuid());
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutANumberTheEntitysRegisteredPhoneIsRecordedAndACaseCanBeNamed()
    {
        var entity = await app.EntityIdAsync(Quancheng);
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = TestCases.IdOf(await TestCases.OpenAsync(officer, entity));

        var response = await LogAsync("lx.head", entity, new { outcome = "NoAnswer", caseId });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var call = await response.Content.ReadFromJsonAsync<JsonElement>();
        await using var db = app.Db();
        var registered = app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(await db.Entities.Where(e => e.Id == entity).Select(e => e.ContactPhoneCipher).SingleAsync());
        Assert.Equal(Mask.Phone(registered), call.GetProperty("number").GetString());
        Assert.Equal((caseId, "未按规定对游泳池水进行消毒"), (call.GetProperty("caseId").GetGuid(), call.GetProperty("caseTitle").GetString()));
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredBy").ValueKind);
        Assert.True((DateTimeOffset.UtcNow - call.GetProperty("calledAt").GetDateTimeOffset()).Duration() < TimeSpan.FromMinutes(1)); // now, by default
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByFieldInChinese()
    {
        var entity = await app.EntityIdAsync(Quancheng);
        var otherWarning = await TestWarnings.RaiseAsync(app, "济南奥体游泳健身有限公司", "浑浊度 1.8 NTU");
        var before = await CountAsync();

        var response = await LogAsync("lx.officer1", entity, new
        {
            calledAt = DateTimeOffset.UtcNow.AddHours(2),
            number = "12345",
            outcome = "Informed",
            note = new string('长', 1001),
            warningId = otherWarning,
            caseId = Guid.NewGuid(),
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", problem.Code);
        var fields = problem.Body.GetProperty("errors");
        foreach (var field in new[] { "calledAt", "number", "answeredBy", "note", "warningId", "caseId" })
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", fields.GetProperty(field)[0].GetString()!);
        }

        var unknown = await Problem.ReadAsync(await LogAsync("lx.officer1", entity, new { outcome = "Voicemail" }), HttpStatusCode.BadRequest);
        Assert.Contains("NoAnswer：无人接听", unknown.Body.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await LogAsync("lx.officer1", entity, new { outcome = "1" })).StatusCode); // names only, not numbers
        var malformed = await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/entities/{entity}/phone-calls",
            new StringContent("{\"outcome\":\"NoAnswer\",\"calledAt\":\"昨天下午\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("malformed_json", (await Problem.ReadAsync(malformed, HttpStatusCode.BadRequest)).Code);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AnotherJurisdictionsEntityIsNotFound()
    {
        var haiyun = await app.EntityIdAsync(Haiyun);

        var post = await LogAsync("lx.officer1", haiyun, new { outcome = "NoAnswer", number = "13900000000" });
        Assert.Equal("not_found", (await Problem.ReadAsync(post, HttpStatusCode.NotFound)).Code);
        var get = await (await app.ClientForAsync("lx.reviewer")).GetAsync($"/api/v1/entities/{haiyun}/phone-calls");
        Assert.Equal("not_found", (await Problem.ReadAsync(get, HttpStatusCode.NotFound)).Code);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync("ls.officer1", haiyun, new { outcome = "NoAnswer", number = "13900000000" })).StatusCode);
    }

    [Fact]
    public async Task TheEntityPageShowsTheCallsAndTheMessagesWithTheirStatusAndOfficersLogACallThere()
    {
        var entity = await app.EntityIdAsync(Quancheng);
        Guid sms;
        await using (var db = app.Db())
        {
            var e = await db.Entities.SingleAsync(x => x.Id == entity);
            sms = Guid.CreateVersion7();
            var message = Notification.ToPhone(sms, NotificationKind.RectificationOrdered, new NotificationAddress(e.Id, e.AgencyPath),
                $"test:page:{sms}", "告知提醒及责令整改：浑浊度", new SmsText("测试", "整改", new Dictionary<string, string>()), e.ContactPhoneCipher, "138****0001", DateTimeOffset.UtcNow);
            message.MarkAttemptFailed("短信网关返回 HTTP 503", DateTimeOffset.UtcNow, null);
            db.Notifications.Add(message);
            await db.SaveChangesAsync();
        }

        var web = await app.CookieClientAsync("lx.officer1");
        var response = await TestMail.PostFormAsync(web, $"/entities/{entity}", "phone-call", new()
        {
            ["calledAt"] = DateTimeOffset.UtcNow.AddHours(8).AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["number"] = "0531-86001234",
            ["outcome"] = "Refused",
            ["answeredBy"] = "前台 李某",
            ["note"] = "对方拒绝转告负责人",
        });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已登记电话告知", page, StringComparison.Ordinal);
        Assert.Contains("053****1234", page, StringComparison.Ordinal);
        Assert.Contains("接通但拒绝沟通", page, StringComparison.Ordinal);
        Assert.Contains("前台 李某", page, StringComparison.Ordinal);
        Assert.DoesNotContain("86001234", page, StringComparison.Ordinal);
        // 告知记录: the SMS with its delivery status and why it failed.
        Assert.Contains("告知记录", page, StringComparison.Ordinal);
        Assert.Contains("告知提醒及责令整改：浑浊度", page, StringComparison.Ordinal);
        Assert.Contains("短信网关返回 HTTP 503", page, StringComparison.Ordinal);

        var refused = await TestMail.PostFormAsync(web, $"/entities/{entity}", "phone-call", new() { ["outcome"] = "Informed" });
        Assert.Contains("请填写接听人", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A legal reviewer reads the log but has no form.
        var reviewer = await (await app.CookieClientAsync("lx.reviewer")).GetStringAsync($"/entities/{entity}");
        Assert.Contains("053****1234", reviewer, StringComparison.Ordinal);
        Assert.DoesNotContain("登记电话告知", reviewer, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.Db();
        return await db.PhoneCalls.CountAsync();
    }
}
