using System.Net;
using System.Text.RegularExpressions;
using Tianmu.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Documents;

/// <summary>The document pages with a signed-in officer: the draft form saves, 签发 issues, the PDF downloads at the page twin.</summary>
public sealed partial class DocumentPageTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task OfficerEditsAndIssuesADraftOnItsPage()
    {
        var api = await app.ClientForAsync("lx.officer1");
        var draft = await TestDocuments.DraftAsync(api, DocumentType.PenaltyDecision, await app.EntityIdAsync(TestDocuments.Pool), TestDocuments.PenaltyFields());
        var web = await app.CookieClientAsync("lx.officer1");

        var page = await web.GetStringAsync($"/documents/{draft.Id}");
        Assert.Contains("填写内容", page, StringComparison.Ordinal);
        Assert.Contains("违法事实 *", page, StringComparison.Ordinal);
        Assert.Contains($"/documents/{draft.Id}/preview", page, StringComparison.Ordinal);
        var preview = await web.GetAsync($"/documents/{draft.Id}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var fields = TestDocuments.PenaltyFields("页面修改后的事实").ToDictionary(f => "f:" + f.Key, f => f.Value);
        fields[$"f:{DocumentFields.PartyName}"] = TestDocuments.Pool;
        fields[$"f:{DocumentFields.PartyAddress}"] = "历下区泉城路 88 号";
        fields[$"f:{DocumentFields.AgencyName}"] = "济南市历下区卫生健康局";
        var saved = await PostAsync(web, draft.Id, "save", page, fields);
        Assert.Contains("草稿已保存", saved, StringComparison.Ordinal);
        Assert.Contains("页面修改后的事实", await web.GetStringAsync($"/documents/{draft.Id}/preview"), StringComparison.Ordinal);

        var issued = await PostAsync(web, draft.Id, "issue", saved, []);
        Assert.Matches(@"已签发，文号 济历卫公罚〔\d{4}〕\d+号", issued);
        Assert.Contains("下载 PDF", issued, StringComparison.Ordinal);
        Assert.DoesNotContain("填写内容", issued, StringComparison.Ordinal);
        var pdf = await web.GetAsync($"/documents/{draft.Id}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面修改后的事实", await TestDocuments.PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministratorSeesTheTemplateEditorWithAPreview()
    {
        var web = await app.CookieClientAsync("sd.admin");
        var page = await web.GetStringAsync("/documents/templates?type=PriorNotice");
        Assert.Contains("行政处罚事先告知书", page, StringComparison.Ordinal);
        Assert.Contains("模板 HTML", page, StringComparison.Ordinal);
        Assert.Contains("srcdoc=", page, StringComparison.Ordinal);
        Assert.Contains("【违法事实】", page, StringComparison.Ordinal); // the preview fills each field with its label
    }

    private static async Task<string> PostAsync(HttpClient web, Guid id, string handler, string page, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        var response = await web.PostAsync($"/documents/{id}", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
