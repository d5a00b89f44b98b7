using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>Direct, postal and left-at-premises service recorded by the officer with their evidence; the case step is the officer's (民事诉讼法第八十七至九十一条).</summary>
public sealed class OtherMethodTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 1];

    [Fact]
    public async Task APriorNoticeServedDirectlyNotifiesTheCaseFromTheDateSignedAndTheStatementWindowRuns()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await ApprovedAsync(app, Pool);
        var notice = (await Cases.TestCases.IssueAsync(officer, caseId, "PriorNotice")).GetProperty("id").GetGuid();

        var missing = await officer.PostAsJsonAsync($"/api/v1/documents/{notice}/service", new { method = "Direct" });
        var errors = (await Problem.ReadAsync(missing, HttpStatusCode.BadRequest)).Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("recipient", out _) && errors.TryGetProperty("signedOn", out _));
        var byTheHead = await (await app.ClientForAsync("lx.head")).PostAsJsonAsync($"/api/v1/documents/{notice}/service", new { method = "Direct", recipient = "王明（负责人）", signedOn = Today });
        Assert.Equal("case.role", (await Problem.ReadAsync(byTheHead, HttpStatusCode.Forbidden)).Code); // the step is an officer's (ProcedureRules)

        var served = await officer.PostAsJsonAsync($"/api/v1/documents/{notice}/service", new { method = "Direct", recipient = "王明（负责人）", signedOn = Today });

        Assert.True(served.StatusCode == HttpStatusCode.OK, await served.Content.ReadAsStringAsync());
        var service = await served.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Served", service.GetProperty("status").GetString());
        Assert.Equal("ServePriorNotice", service.GetProperty("caseAction").GetString());
        Assert.Matches(@"^济历卫公送〔\d{4}〕\d+号$", service.GetProperty("receiptNumber").GetString());
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal("Notified", detail.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), detail.GetProperty("noticeServedOn").GetString());
        Assert.Contains(detail.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "Statement");
        var step = detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "ServePriorNotice");
        Assert.Equal(("ServePriorNotice", "黄磊（lx.officer1）"), (step.GetProperty("action").GetString(), step.GetProperty("actorName").GetString()));
    }

    [Fact]
    public async Task LeavingAtThePremisesNeedsAPhotoOrVideoAndIsServedOnTheDayLeft()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool, Today.AddDays(-3));
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();
        var facts = new { method = "LeftAtPremises", leftOn = Today, refusalReason = "负责人拒绝签收", witnesses = "泉城路街道办 张强" };

        var unrecorded = await officer.PostAsJsonAsync($"/api/v1/documents/{decision}/service", facts);
        Assert.True((await Problem.ReadAsync(unrecorded, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("evidence", out _));
        using var disguised = Form(facts, [.. "not a jpeg"u8], "image/jpeg");
        Assert.Equal("service.attachment_type", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{decision}/service", disguised), HttpStatusCode.UnsupportedMediaType)).Code);

        using var form = Form(facts, Jpeg, "image/jpeg");
        var served = await officer.PostAsync($"/api/v1/documents/{decision}/service", form);

        Assert.True(served.StatusCode == HttpStatusCode.OK, await served.Content.ReadAsStringAsync());
        var service = await served.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Served", "留置送达"), (service.GetProperty("status").GetString(), service.GetProperty("methodName").GetString()));
        var photo = await officer.GetAsync($"/api/v1/service/{service.GetProperty("id").GetGuid()}/attachment");
        Assert.Equal(Jpeg, await photo.Content.ReadAsByteArrayAsync());
        await using var db = app.Db();
        var c = await db.Cases.SingleAsync(x => x.Id == caseId);
        Assert.Equal((CaseStage.Served, Today, "留置送达"), (c.Stage, c.ServedOn, c.ServiceMethod));
        var receipt = await db.Documents.SingleAsync(d => d.Id == service.GetProperty("receiptDocumentId").GetGuid());
        Assert.Contains("拒收事由：负责人拒绝签收", receipt.FieldValues()["note"]);
    }

    [Fact]
    public async Task PostalServiceNeedsTheTrackingNumberAndIsServedOnTheDateOnThePostalReceipt()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, OtherPool, Today.AddDays(-5));
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();
        var untracked = await officer.PostAsJsonAsync($"/api/v1/documents/{decision}/service", new { method = "Postal", signedOn = Today });
        Assert.True((await Problem.ReadAsync(untracked, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("trackingNumber", out _));
        var beforeIssue = await officer.PostAsJsonAsync($"/api/v1/documents/{decision}/service", new { method = "Postal", trackingNumber = "1187654321098", signedOn = Today.AddDays(-30) });
        Assert.True((await Problem.ReadAsync(beforeIssue, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("signedOn", out _));

        var served = await officer.PostAsJsonAsync($"/api/v1/documents/{decision}/service", new { method = "Postal", trackingNumber = "1187654321098", signedOn = Today });

        Assert.True(served.StatusCode == HttpStatusCode.OK, await served.Content.ReadAsStringAsync());
        await using var db = app.Db();
        var c = await db.Cases.SingleAsync(x => x.Id == caseId);
        Assert.Equal((CaseStage.Served, Today, "邮寄送达"), (c.Stage, c.ServedOn, c.ServiceMethod));
    }

    private static MultipartFormDataContent Form(object facts, byte[] file, string type)
    {
        var form = new MultipartFormDataContent();
        foreach (var p in JsonSerializer.SerializeToElement(facts).EnumerateObject())
        {
            form.Add(new StringContent(p.Value.ToString()), p.Name);
        }

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new(type);
        form.Add(content, "file", "现场照片.jpg");
        return form;
    }
}
