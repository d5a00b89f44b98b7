using System.Net;
using Microsoft.AspNetCore.Hosting;
using Tianmu.Documents;
using Tianmu.Server.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Documents;

/// <summary>A server whose Chromium path points nowhere.</summary>
public sealed class NoChromiumApp : TianmuApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Tianmu:Pdf:ChromiumPath", "/nonexistent/chromium");
}

/// <summary>Without Chromium, issuing fails with 503 pdf.unavailable; the number is kept for a later retry and drafts still work.</summary>
public sealed class PdfUnavailableTests(NoChromiumApp app) : IClassFixture<NoChromiumApp>
{
    [Fact]
    public async Task IssuingWithoutChromiumKeepsTheNumberAndSaysWhy()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var draft = await TestDocuments.DraftAsync(officer, DocumentType.PenaltyDecision, await app.EntityIdAsync(TestDocuments.Pool), TestDocuments.PenaltyFields());

        var problem = await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{draft.Id}/issue", null), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("pdf.unavailable", problem.Code);
        Assert.Contains("Chromium", problem.Detail, StringComparison.Ordinal);
        var year = Tianmu.Common.ChinaTime.DateOf(DateTimeOffset.UtcNow).Year;
        Assert.Contains($"济历卫公罚〔{year}〕1号", problem.Detail, StringComparison.Ordinal);

        var view = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<DocumentView>(officer, $"/api/v1/documents/{draft.Id}", TestDocuments.Json);
        Assert.Equal(DocumentStatus.Numbered, view!.Status);
        Assert.Equal(1, view.Serial);

        // A retry still cannot print, and takes no second number.
        Assert.Equal("pdf.unavailable", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{draft.Id}/issue", null), HttpStatusCode.ServiceUnavailable)).Code);
        var next = await TestDocuments.DraftAsync(officer, DocumentType.PenaltyDecision, await app.EntityIdAsync(TestDocuments.Pool), TestDocuments.PenaltyFields());
        Assert.Equal("pdf.unavailable", (await Problem.ReadAsync(await officer.PostAsync($"/api/v1/documents/{next.Id}/issue", null), HttpStatusCode.ServiceUnavailable)).Code);
        var second = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<DocumentView>(officer, $"/api/v1/documents/{next.Id}", TestDocuments.Json);
        Assert.Equal(2, second!.Serial);
    }
}
