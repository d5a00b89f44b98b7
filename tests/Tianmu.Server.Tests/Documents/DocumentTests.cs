using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Evidence.Log;
using Tianmu.Server.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Documents;

/// <summary>
/// Enforcement documents on the provider under test: drafts editable until issued, gapless numbers under
/// concurrent issue, the PDF's Chinese text and 文号, the signature, the log leaf, the database refusing to
/// change an issued row, jurisdiction, and template versions.
/// </summary>
public sealed class DocumentTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task DraftIsPrefilledEditableAndIssuedWithNumberPdfAndSignature()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var pool = await app.EntityIdAsync(TestDocuments.Pool);
        var draft = await TestDocuments.DraftAsync(officer, DocumentType.PenaltyDecision, pool, new() { [DocumentFields.Facts] = "初稿事实" });
        Assert.Equal(DocumentStatus.Draft, draft.Status);
        Assert.Equal(TestDocuments.Pool, draft.Fields[DocumentFields.PartyName]);
        Assert.Equal("历下区泉城路 88 号", draft.Fields[DocumentFields.PartyAddress]);
        Assert.Equal("济南市历下区卫生健康局", draft.Fields[DocumentFields.AgencyName]);
        Assert.Null(draft.Number);

        var fields = new Dictionary<string, string>(draft.Fields);
        foreach (var (k, v) in TestDocuments.PenaltyFields("游离性余氯 <0.3> mg/L\n第二段事实"))
        {
            fields[k] = v;
        }

        var updated = await officer.PutAsJsonAsync($"/api/v1/documents/{draft.Id}", new { fields });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var preview = await officer.GetStringAsync($"/api/v1/documents/{draft.Id}/preview");
        Assert.Contains("游离性余氯 &lt;0.3&gt; mg/L<br>第二段事实", preview, StringComparison.Ordinal);
        Assert.Contains("文号于签发时生成", preview, StringComparison.Ordinal);

        var issued = await TestDocuments.IssueAsync(officer, draft.Id);
        var year = ChinaTime.DateOf(DateTimeOffset.UtcNow).Year;
        Assert.Equal(DocumentStatus.Issued, issued.Status);
        Assert.Equal(year, issued.Year);
        Assert.Equal($"济历卫公罚〔{year}〕{issued.Serial}号", issued.Number);
        Assert.NotNull(issued.PdfSha256);
        Assert.NotNull(issued.IssuedAt);

        var pdf = await officer.GetByteArrayAsync($"/api/v1/documents/{draft.Id}/pdf");
        Assert.Equal(issued.PdfSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var text = Squeeze(await TestDocuments.PdfTextAsync(pdf));
        foreach (var expected in new[] { "济南市历下区卫生健康局", "行政处罚决定书", issued.Number!, TestDocuments.Pool, "第二段事实", "警告，并处罚款人民币壹仟元整" })
        {
            Assert.Contains(Squeeze(expected), text, StringComparison.Ordinal);
        }

        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(text, "第1页共(\\d+)页").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(Enumerable.Range(1, pages), page => Assert.Contains($"第{page}页共{pages}页", text, StringComparison.Ordinal));

        // The issued document is frozen: the API refuses, and so does the database itself.
        var edit = await officer.PutAsJsonAsync($"/api/v1/documents/{draft.Id}", new { fields });
        var problem = await Problem.ReadAsync(edit, HttpStatusCode.Conflict);
        Assert.Equal("document.issued", problem.Code);
        Assert.Contains(issued.Number!, problem.Detail, StringComparison.Ordinal);
        await using var db = app.Db();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE documents SET number = 'X' WHERE number IS NOT NULL AND status = 'Issued'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM documents WHERE status = 'Issued'"));

        // Issuing again returns it unchanged (a retry never takes a second number).
        var again = await TestDocuments.IssueAsync(officer, draft.Id);
        Assert.Equal(issued.Number, again.Number);
        Assert.Equal(issued.PdfSha256, again.PdfSha256);
    }

    [Fact]
    public async Task SignatureVerifiesAndTheDocumentIsALogLeaf()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var draft = await TestDocuments.DraftAsync(officer, DocumentType.NoPenaltyDecision, await app.EntityIdAsync(TestDocuments.Pool),
            TestDocuments.RequiredFields(DocumentType.NoPenaltyDecision));
        var issued = await TestDocuments.IssueAsync(officer, draft.Id);

        var leaf = await TestDocuments.LeafAsync(app, issued.Id);
        Assert.NotNull(leaf);
        await using (var db = app.Db())
        {
            var row = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == issued.Id);
            Assert.Equal(LogHasher.Sha256.HashLeaf(DocumentLeafSource.Leaf(row)), leaf.LeafHash);
            var data = System.Text.Encoding.UTF8.GetString(DocumentLeafSource.Leaf(row));
            Assert.Contains($"\"number\":\"{issued.Number}\"", data, StringComparison.Ordinal);
            Assert.Contains($"\"pdfSha256\":\"{issued.PdfSha256}\"", data, StringComparison.Ordinal);
        }

        var verify = await officer.GetFromJsonAsync<DocumentVerification>($"/api/v1/documents/{issued.Id}/verify", TestDocuments.Json);
        Assert.True(verify!.Valid, string.Join(" ", verify.Problems));
        Assert.True(verify.SignatureValid && verify.PdfIntact && verify.Logged);
        Assert.Contains("天目执法文书签章", verify.Signer, StringComparison.Ordinal);

        var pdf = await officer.GetByteArrayAsync($"/api/v1/documents/{issued.Id}/pdf");
        var signature = await officer.GetByteArrayAsync($"/api/v1/documents/{issued.Id}/signature");
        var signing = app.Services.GetRequiredService<DocumentSigning>();
        Assert.True(signing.Verify(pdf, signature).Valid);
        var flipped = (byte[])pdf.Clone();
        flipped[flipped.Length / 2] ^= 0x01;
        var check = signing.Verify(flipped, signature);
        Assert.False(check.Valid);
        Assert.NotNull(check.Problem);

        // A byte changed in the stored file: verification says so and the download is refused.
        var path = Path.Combine(app.DataDir, "objects", issued.PdfSha256![..2], issued.PdfSha256[2..4], issued.PdfSha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // the store leaves it read-only
        }

        await File.WriteAllBytesAsync(path, flipped);
        var tampered = await officer.GetFromJsonAsync<DocumentVerification>($"/api/v1/documents/{issued.Id}/verify", TestDocuments.Json);
        Assert.False(tampered!.Valid);
        Assert.False(tampered.PdfIntact);
        Assert.Contains(tampered.Problems, p => p.Contains("SHA-256", StringComparison.Ordinal));
        Assert.Equal("document.tampered", (await Problem.ReadAsync(await officer.GetAsync($"/api/v1/documents/{issued.Id}/pdf"), HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task ConcurrentIssuesGetSerialsOneToTwelveWithoutGapsOrDuplicates()
    {
        var officer = await app.ClientForAsync("lx.officer2");
        var pool = await app.EntityIdAsync(TestDocuments.Pool);
        var drafts = new List<DocumentView>();
        for (var i = 0; i < 12; i++)
        {
            drafts.Add(await TestDocuments.DraftAsync(officer, DocumentType.Demand, pool, TestDocuments.RequiredFields(DocumentType.Demand)));
        }

        // Every draft issued twice at once: the second request of a pair must not take a number of its own.
        var issued = await Task.WhenAll(drafts.Concat(drafts).Select(d => TestDocuments.IssueAsync(officer, d.Id)));
        var serials = issued.DistinctBy(d => d.Id).Select(d => d.Serial!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 12), serials);
        Assert.All(issued.GroupBy(d => d.Id), g => Assert.Single(g.Select(d => d.Number).Distinct()));
        await using var db = app.Db();
        var agency = await app.AgencyIdAsync("370102");
        Assert.Equal(12, await db.Database.SqlQueryRaw<int>(
            "SELECT last_serial AS \"Value\" FROM document_counters WHERE type = 'Demand'").SingleAsync());
        Assert.Equal(12, await db.Documents.CountAsync(d => d.AgencyId == agency && d.Type == DocumentType.Demand && d.Status == DocumentStatus.Issued));
    }

    [Fact]
    public async Task ClientErrorsAreProblemsWithStableCodes()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var pool = await app.EntityIdAsync(TestDocuments.Pool);

        var unknown = await officer.PostAsJsonAsync("/api/v1/documents", new { type = "Nonsense", entityId = pool });
        Assert.Equal("document.unknown_type", (await Problem.ReadAsync(unknown, HttpStatusCode.UnprocessableEntity)).Code);

        var draft = await TestDocuments.DraftAsync(officer, DocumentType.PriorNotice, pool);
        var missing = await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{draft.Id}/issue", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("document.missing_fields", missing.Code);
        Assert.Contains("违法事实", missing.Detail, StringComparison.Ordinal);
        var listed = missing.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(DocumentFields.Facts, listed);
        Assert.Contains(DocumentFields.Penalty, listed);
        Assert.DoesNotContain(DocumentFields.PartyName, listed); // pre-filled from the entity
        await using (var db = app.Db())
        {
            Assert.Equal(DocumentStatus.Draft, (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == draft.Id)).Status);
        }

        var notIssued = await Problem.ReadAsync(await officer.GetAsync($"/api/v1/documents/{draft.Id}/pdf"), HttpStatusCode.Conflict);
        Assert.Equal("document.not_issued", notIssued.Code);
    }

    [Fact]
    public async Task DocumentsStayInTheirJurisdiction()
    {
        var lixia = await app.ClientForAsync("lx.officer1");
        var shizhong = await app.ClientForAsync("szq.officer1");
        var pool = await app.EntityIdAsync(TestDocuments.Pool);

        var outside = await shizhong.PostAsJsonAsync("/api/v1/documents", new { type = "InspectionRecord", entityId = pool });
        Assert.Equal("document.entity_outside_jurisdiction", (await Problem.ReadAsync(outside, HttpStatusCode.UnprocessableEntity)).Code);

        var draft = await TestDocuments.DraftAsync(lixia, DocumentType.InspectionRecord, pool);
        Assert.Equal(HttpStatusCode.NotFound, (await shizhong.GetAsync($"/api/v1/documents/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shizhong.PostAsync($"/api/v1/documents/{draft.Id}/issue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shizhong.PutAsJsonAsync($"/api/v1/documents/{draft.Id}", new { fields = new Dictionary<string, string>() })).StatusCode);
        var theirs = await shizhong.GetFromJsonAsync<List<DocumentView>>($"/api/v1/documents?entityId={pool}", TestDocuments.Json);
        Assert.Empty(theirs!);
        var ours = await lixia.GetFromJsonAsync<List<DocumentView>>($"/api/v1/documents?entityId={pool}", TestDocuments.Json);
        Assert.Contains(ours!, d => d.Id == draft.Id);
        // The city above sees its counties' documents.
        var city = await app.ClientForAsync("jn.head");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/v1/documents/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task ATemplateOverrideChangesTheNextDocumentButNotAnIssuedOne()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var admin = await app.ClientForAsync("sd.admin");
        var pool = await app.EntityIdAsync(TestDocuments.Pool);
        var before = await TestDocuments.IssueAsync(officer,
            (await TestDocuments.DraftAsync(officer, DocumentType.SupervisionOpinion, pool, TestDocuments.RequiredFields(DocumentType.SupervisionOpinion))).Id);
        Assert.Equal(0, before.TemplateVersion);
        var frozen = await officer.GetStringAsync($"/api/v1/documents/{before.Id}/preview");

        var shipped = await admin.GetFromJsonAsync<JsonElement>("/api/v1/document-templates/SupervisionOpinion");
        var html = shipped.GetProperty("html").GetString()!.Replace("<h1>{{document.title}}</h1>", "<h1>{{document.title}}</h1><p>模板第二版标记</p>", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/document-templates/SupervisionOpinion", new { html })).StatusCode);
        var saved = await admin.GetFromJsonAsync<JsonElement>("/api/v1/document-templates/SupervisionOpinion");
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal("document.unknown_type", (await Problem.ReadAsync(await admin.GetAsync("/api/v1/document-templates/Nonsense"), HttpStatusCode.UnprocessableEntity)).Code);

        var after = await TestDocuments.IssueAsync(officer,
            (await TestDocuments.DraftAsync(officer, DocumentType.SupervisionOpinion, pool, TestDocuments.RequiredFields(DocumentType.SupervisionOpinion))).Id);
        Assert.Equal(1, after.TemplateVersion);
        Assert.Contains("模板第二版标记", await TestDocuments.PdfTextAsync(await officer.GetByteArrayAsync($"/api/v1/documents/{after.Id}/pdf")), StringComparison.Ordinal);
        Assert.Equal(frozen, await officer.GetStringAsync($"/api/v1/documents/{before.Id}/preview"));
        Assert.DoesNotContain("模板第二版标记", await TestDocuments.PdfTextAsync(await officer.GetByteArrayAsync($"/api/v1/documents/{before.Id}/pdf")), StringComparison.Ordinal);
    }

    /// <summary>pdftotext lays text out with spaces and line breaks of its own; compare without them.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task UnnumberedRecordsAreIssuedWithoutANumber()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var issued = await TestDocuments.IssueAsync(officer,
            (await TestDocuments.DraftAsync(officer, DocumentType.InspectionRecord, await app.EntityIdAsync(TestDocuments.Pool), TestDocuments.RequiredFields(DocumentType.InspectionRecord))).Id);
        Assert.Equal(DocumentStatus.Issued, issued.Status);
        Assert.Null(issued.Number);
        Assert.Null(issued.Serial);
        var text = Squeeze(await TestDocuments.PdfTextAsync(await officer.GetByteArrayAsync($"/api/v1/documents/{issued.Id}/pdf")));
        Assert.Contains("现场笔录", text, StringComparison.Ordinal);
        Assert.Contains("被检查人（签名）", text, StringComparison.Ordinal);
    }
}
