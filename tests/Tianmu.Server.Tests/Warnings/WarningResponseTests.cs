using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;
using Tianmu.Warnings;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// The entity sees its own warnings with the readings that raised them and answers them
/// (行政处罚法 art. 41: told promptly, may query, state and defend online); officers see the answers.
/// ent.demo acts for 济南泉城游泳馆; 济南明湖水上运动中心 is another entity of the same county.
/// </summary>
public sealed class WarningResponseTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Own = "济南泉城游泳馆有限公司";
    private const string Other = "济南明湖水上运动中心";

    /// <summary>The smallest valid PNG: 1×1 pixel.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task TheEntitySeesItsOwnWarningsWithTheirEvidenceAndNoOneElses()
    {
        var own = await TestWarnings.RaiseAsync(app, Own, "浑浊度 1.8 NTU 高于上限 1 NTU，持续 15 分钟", "POOL-TURBIDITY");
        var other = await TestWarnings.RaiseAsync(app, Other, "明湖：浑浊度 1.9 NTU 高于上限", "POOL-TURBIDITY");
        var entity = await app.ClientForAsync("ent.demo");

        var list = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/warnings?open=true");
        var ids = list.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(own, ids);
        Assert.DoesNotContain(other, ids);

        var detail = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/warnings/{own}");
        Assert.Contains("GB 37488-2019", detail.GetProperty("warning").GetProperty("clause").GetString());
        Assert.Equal("新预警", detail.GetProperty("warning").GetProperty("statusName").GetString());
        var evidence = detail.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal([1.8, 1.9], evidence.Select(s => s.GetProperty("value").GetDouble()));
        Assert.All(evidence, s => Assert.True(s.GetProperty("usable").GetBoolean()));
        Assert.DoesNotContain("RectificationDone", detail.GetProperty("allowedResponses").EnumerateArray().Select(k => k.GetString()));

        // Another entity's warning is simply not there — for reading, answering and its files alike.
        var hidden = await Problem.ReadAsync(await entity.GetAsync($"/api/v1/portal/warnings/{other}"), HttpStatusCode.NotFound);
        Assert.Equal("not_found", hidden.Code);
        Assert.DoesNotContain("明湖", hidden.Body.GetRawText(), StringComparison.Ordinal);
        await Problem.ReadAsync(await entity.PostAsJsonAsync($"/api/v1/portal/warnings/{other}/responses", new { kind = "Confirm" }), HttpStatusCode.NotFound);
        await using var db = app.Db();
        Assert.False(await db.WarningResponses.AnyAsync(r => r.WarningId == other));
    }

    [Fact]
    public async Task AnswersAreCheckedWithReasonsInChinese()
    {
        var id = await TestWarnings.RaiseAsync(app, Own, "pH 6.2 低于下限 7.0", "POOL-PH");
        var entity = await app.ClientForAsync("ent.demo");
        Task<HttpResponseMessage> Answer(object body) => entity.PostAsJsonAsync($"/api/v1/portal/warnings/{id}/responses", body);

        var noText = await Problem.ReadAsync(await Answer(new { kind = "Contest", text = "  " }), HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", noText.Code);
        Assert.Equal("请填写陈述申辩的事实和理由。", noText.Body.GetProperty("errors").GetProperty("text")[0].GetString());
        var explainNoText = await Problem.ReadAsync(await Answer(new { kind = "Explain" }), HttpStatusCode.BadRequest);
        Assert.Equal("请填写情况说明。", explainNoText.Body.GetProperty("errors").GetProperty("text")[0].GetString());
        var tooLong = await Problem.ReadAsync(await Answer(new { kind = "Explain", text = new string('说', 2001) }), HttpStatusCode.BadRequest);
        Assert.Contains("2000", tooLong.Body.GetProperty("errors").GetProperty("text")[0].GetString());
        var kind = await Problem.ReadAsync(await Answer(new { kind = "Approve", text = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("确认属实", kind.Body.GetProperty("errors").GetProperty("kind")[0].GetString());
        await Problem.ReadAsync(await Answer(new { kind = "1", text = "x" }), HttpStatusCode.BadRequest); // enum numbers are no kinds

        var notOrdered = await Problem.ReadAsync(await Answer(new { kind = "RectificationDone" }), HttpStatusCode.Conflict);
        Assert.Equal("warning_response.no_rectification_ordered", notOrdered.Code);

        // Every answer speaks for the entity: it re-confirms the password.
        var noPassword = await Problem.ReadAsync(await Answer(new { kind = "Confirm" }), HttpStatusCode.BadRequest);
        Assert.True(noPassword.Body.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(await Answer(new { kind = "Confirm", password = "not-the-password" }), HttpStatusCode.Forbidden)).Code);

        var plain = await entity.PostAsync($"/api/v1/portal/warnings/{id}/responses", new StringContent("kind=Confirm"));
        Assert.Equal("unsupported_media_type", (await Problem.ReadAsync(plain, HttpStatusCode.UnsupportedMediaType)).Code);

        var fake = Multipart("Explain", "见附件", ("scan.png", "image/png", "not a png at all"u8.ToArray()));
        var badFile = await Problem.ReadAsync(await entity.PostAsync($"/api/v1/portal/warnings/{id}/responses", fake), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("warning_response.attachment_type", badFile.Code);

        await using var db = app.Db();
        Assert.False(await db.WarningResponses.AnyAsync(r => r.WarningId == id)); // nothing refused was stored
        Assert.Null((await db.Warnings.SingleAsync(w => w.Id == id)).LastResponseAt);
    }

    [Fact]
    public async Task AnAnswerIsAppendedAuditedAndShownToOfficersWithoutMovingTheWarning()
    {
        var id = await TestWarnings.RaiseAsync(app, Own, "游离性余氯 0.12 mg/L 低于下限 0.3 mg/L，持续 20 分钟", "POOL-FCL-LOW");
        var entity = await app.ClientForAsync("ent.demo");
        var auditBefore = await app.AuditCountAsync();

        var created = await entity.PostAsync($"/api/v1/portal/warnings/{id}/responses",
            Multipart("Contest", "当时正在进行设备校准，读数不代表池水实际情况。", ("校准记录.png", "image/png", Png)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("陈述申辩/异议", answer.GetProperty("kindName").GetString());
        var sha = answer.GetProperty("attachments")[0].GetProperty("sha256").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await entity.PostAsJsonAsync($"/api/v1/portal/warnings/{id}/responses", new { kind = "Confirm", password = Demo.DemoData.Password })).StatusCode);

        await using (var db = app.Db())
        {
            var warning = await db.Warnings.SingleAsync(w => w.Id == id);
            Assert.Equal(WarningStatus.New, warning.Status); // officers decide, not the answer
            Assert.NotNull(warning.LastResponseAt);
            var responseIds = (await db.WarningResponses.Where(r => r.WarningId == id).Select(r => r.Id).ToListAsync()).Select(r => r.ToString()).ToList();
            Assert.Equal(2, responseIds.Count);
            var audited = await db.AuditRecords.Where(a => a.Action == "warning_response.created").Select(a => new { a.EntityId, a.ActorName, a.Changes }).ToListAsync();
            Assert.Equal(2, audited.Count(a => responseIds.Contains(a.EntityId)));
            Assert.All(audited.Where(a => responseIds.Contains(a.EntityId)), a => Assert.Equal("ent.demo", a.ActorName));
            Assert.Contains(await db.AuditRecords.Where(a => a.EntityId == id.ToString()).Select(a => a.Changes).ToListAsync(), c => c.Contains("last_response_at", StringComparison.Ordinal));
            Assert.True(await app.AuditCountAsync() >= auditBefore + 4);

            // Append-only in the database itself.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE warning_responses SET text = 'changed'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM warning_responses"));
        }

        var officer = await app.ClientForAsync("lx.officer1");
        var seen = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{id}/responses");
        Assert.Equal(["Contest", "Confirm"], seen.EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal("当时正在进行设备校准，读数不代表池水实际情况。", seen[0].GetProperty("text").GetString());
        Assert.Contains("ent.demo", seen[0].GetProperty("byName").GetString());
        Assert.Equal(Png, await officer.GetByteArrayAsync($"/api/v1/warnings/{id}/attachments/{sha}"));
        Assert.Equal(Png, await entity.GetByteArrayAsync($"/api/v1/portal/warnings/{id}/attachments/{sha}"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/warnings/{id}/attachments/{new string('0', 64)}")).StatusCode);

        // Outside the jurisdiction: neither the answers nor the files.
        var qingdao = await app.ClientForAsync("ls.officer1");
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.GetAsync($"/api/v1/warnings/{id}/responses")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.GetAsync($"/api/v1/warnings/{id}/attachments/{sha}")).StatusCode);
    }

    [Fact]
    public async Task OnceRectificationIsOrderedTheEntityReportsItDone()
    {
        var id = await TestWarnings.RaiseAsync(app, Own, "游离性余氯 1.6 mg/L 高于上限 1.0 mg/L", "POOL-FCL-HIGH");
        var officer = await app.ClientForAsync("lx.officer2");
        foreach (var step in new object[] { new { action = "SignFor" }, new { action = "StartChecking" },
            new { action = "OrderRectification", note = "责令 3 日内调整加氯量", rectifyBy = DateOnly.FromDateTime(DateTime.Today).AddDays(3) } })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", step)).StatusCode);
        }

        var entity = await app.ClientForAsync("ent.demo");
        var detail = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/warnings/{id}");
        Assert.Equal("已责令整改", detail.GetProperty("warning").GetProperty("statusName").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.Today).AddDays(3).ToString("yyyy-MM-dd"), detail.GetProperty("warning").GetProperty("rectifyBy").GetString());
        Assert.Equal("责令 3 日内调整加氯量", detail.GetProperty("officerNote").GetString());
        Assert.Contains("RectificationDone", detail.GetProperty("allowedResponses").EnumerateArray().Select(k => k.GetString()));

        var done = await entity.PostAsJsonAsync($"/api/v1/portal/warnings/{id}/responses", new { kind = "RectificationDone", text = "已更换加氯泵并复测，余氯 0.6 mg/L。", password = Demo.DemoData.Password });
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{id}");
        Assert.Equal("RectificationOrdered", view.GetProperty("status").GetString()); // confirmed from later data, not from the report
    }

    private static MultipartFormDataContent Multipart(string kind, string text, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new StringContent(text), "text" }, { new StringContent(Demo.DemoData.Password), "password" } };
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "files", name);
        }

        return content;
    }
}
