using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Documents;
using Tianmu.Notifications;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>
/// Electronic service (行政处罚法第六十一条; 民事诉讼法第九十条; Z20): only on a signed confirmation consenting to it; served
/// the day the document reaches the party's system; the case step and the numbered 送达回执 follow from it.
/// </summary>
public sealed class ElectronicServiceTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task ElectronicServiceIsRefusedWithoutASignedConfirmationAndWithoutConsent()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, OtherPool);
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();

        var unsigned = await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null);
        Assert.Equal("service.no_confirmation", (await Problem.ReadAsync(unsigned, HttpStatusCode.UnprocessableEntity)).Code);

        await SignAsync(app, "ent.minghu", new { address = "历下区明湖东路 15 号", method = "Postal", electronicConsent = false });
        var refused = await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null);
        var problem = await Problem.ReadAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("service.no_consent", problem.Code);
        Assert.Contains("第六十一条", problem.Detail);

        await using var db = app.Db();
        Assert.False(await db.ServiceRecords.AnyAsync(r => r.DocumentId == decision));
        Assert.Equal(Tianmu.Cases.CaseStage.Decided, (await db.Cases.SingleAsync(c => c.Id == caseId)).Stage);
    }

    [Fact]
    public async Task ServingADecisionElectronicallyMovesTheCaseToServedOnTheDeliveryDateWithANumberedReceipt()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool);
        var before = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Contains(before.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "Service"); // 7 working days (art. 61)
        await SignAsync(app, "ent.demo", AllAddresses);
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();

        var response = await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var service = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Served", service.GetProperty("status").GetString());
        Assert.Equal(Today, DateOnly.Parse(service.GetProperty("servedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("门户账户 ent.demo；手机 138****5678；邮箱 o***@quancheng.example.cn", service.GetProperty("addresses").GetString());
        var channels = service.GetProperty("deliveries").EnumerateArray().ToDictionary(d => d.GetProperty("channel").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("Sent", channels["Portal"]);
        Assert.True(channels.ContainsKey("Sms") && channels.ContainsKey("Email"));

        // The case moved on by the platform's step, on the service date; the payment period runs from it (art. 67).
        var after = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal("Served", after.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after.GetProperty("servedOn").GetString());
        var step = after.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "RecordService");
        Assert.Equal("天目平台（自动送达）", step.GetProperty("actorName").GetString());
        var deadlines = after.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Payment", deadlines);
        Assert.DoesNotContain("Service", deadlines);

        // The 送达回执: its own number in the agency's series, issued (PDF hashed and signed), with the facts.
        Assert.True(service.GetProperty("receiptIssued").GetBoolean());
        Assert.Matches(@"^济历卫公送〔\d{4}〕\d+号$", service.GetProperty("receiptNumber").GetString());
        var receipt = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{service.GetProperty("receiptDocumentId").GetGuid()}");
        Assert.Equal("ServiceReceipt", receipt.GetProperty("type").GetString());
        Assert.Equal(caseId, receipt.GetProperty("caseId").GetGuid());
        Assert.Matches("^[0-9a-f]{64}$", receipt.GetProperty("pdfSha256").GetString());
        var fields = receipt.GetProperty("fields");
        Assert.Equal("电子送达", fields.GetProperty("served.method").GetString());
        Assert.Contains("门户收件箱", fields.GetProperty("note").GetString());
        var pdf = await officer.GetByteArrayAsync($"/api/v1/documents/{service.GetProperty("receiptDocumentId").GetGuid()}/pdf");
        var printed = await Documents.TestDocuments.PdfTextAsync(pdf);
        Assert.Contains(service.GetProperty("receiptNumber").GetString()!, printed.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("送达回执", printed.Replace(" ", "", StringComparison.Ordinal));

        await using var db = app.Db();
        var portal = await db.Notifications.SingleAsync(n => n.Source == $"service:{service.GetProperty("id").GetGuid()}" && n.Channel == NotificationChannel.Portal);
        Assert.Equal(NotificationKind.DocumentServed, portal.Kind);
        Assert.Equal($"/portal/documents/{decision}", portal.Link);

        var again = await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null);
        Assert.Equal("service.already_served", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task TheFirstOpeningIsRecordedOnce()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool);
        await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, portal = true });
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();
        var served = await (await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, served.GetProperty("firstOpenedAt").ValueKind);
        var party = await app.ClientForAsync("ent.demo");

        var opened = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/documents/{decision}");
        var first = opened.GetProperty("document").GetProperty("firstOpenedAt").GetDateTimeOffset();
        await Task.Delay(50); // a second opening would be recorded visibly later
        var pdf = await party.GetAsync($"/api/v1/portal/documents/{decision}/pdf");
        var again = await party.GetFromJsonAsync<JsonElement>($"/api/v1/portal/documents/{decision}");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(first, again.GetProperty("document").GetProperty("firstOpenedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        var staff = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{decision}/service");
        var record = Assert.Single(staff.EnumerateArray());
        Assert.Equal(first, record.GetProperty("firstOpenedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Contains("ent.demo", record.GetProperty("firstOpenedBy").GetString());
        await using var db = app.Db();
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.EntityType == "service_record" && a.Action == "service_record.updated" && a.Changes.Contains("first_opened_at") && a.EntityId.ToLower() == record.GetProperty("id").GetGuid().ToString()));
    }

    [Fact]
    public async Task OnlyIssuedDocumentsMeantForThePartyAreServedAndTheCaseMustBeAtTheirStep()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool);
        var entity = await app.EntityIdAsync(Pool);
        var record = await Documents.TestDocuments.DraftAsync(officer, DocumentType.InquiryRecord, entity, Documents.TestDocuments.RequiredFields(DocumentType.InquiryRecord), caseId);
        await Documents.TestDocuments.IssueAsync(officer, record.Id);
        var notice = (await Cases.TestCases.IssueAsync(officer, caseId, "PriorNotice")).GetProperty("id").GetGuid();
        var draft = await Documents.TestDocuments.DraftAsync(officer, DocumentType.PenaltyDecision, entity, Documents.TestDocuments.PenaltyFields(), caseId);
        await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, portal = true });

        Assert.Equal("service.not_served_type", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{record.Id}/service/electronic", null), HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("service.case_stage", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{notice}/service/electronic", null), HttpStatusCode.Conflict)).Code);
        Assert.Equal("service.not_issued", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{draft.Id}/service/electronic", null), HttpStatusCode.Conflict)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).PostAsync($"/api/v1/documents/{notice}/service/electronic", null)).StatusCode);
    }
}
