using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>本单位文书: only documents served on the caller's own entities; another entity's are not found on every portal endpoint and page.</summary>
public sealed partial class PortalDocumentTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task APartySeesOnlyTheDocumentsServedOnItsOwnEntities()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var caseId = await DecidedAsync(app, Pool);
        await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, portal = true, email = "office@quancheng.example.cn" });
        var decision = (await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision")).GetProperty("id").GetGuid();
        var unserved = (await Cases.TestCases.IssueAsync(officer, caseId, "Demand")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null)).StatusCode);
        var party = await app.ClientForAsync("ent.demo");
        await OtherPartyAsync(app);
        var other = await app.ClientForAsync("ent.minghu");

        var mine = await party.GetFromJsonAsync<JsonElement>("/api/v1/portal/documents");
        var row = Assert.Single(mine.EnumerateArray(), d => d.GetProperty("id").GetGuid() == decision);
        Assert.Equal(("行政处罚决定书", "电子送达"), (row.GetProperty("typeName").GetString(), row.GetProperty("methodName").GetString()));
        Assert.DoesNotContain(mine.EnumerateArray(), d => d.GetProperty("id").GetGuid() == unserved); // issued, not served: not the party's yet
        Assert.Equal(HttpStatusCode.NotFound, (await party.GetAsync($"/api/v1/portal/documents/{unserved}")).StatusCode);

        // Another entity's user: not found everywhere, never forbidden, and nothing recorded as opened.
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/v1/portal/documents")).EnumerateArray(), d => d.GetProperty("id").GetGuid() == decision);
        Assert.Equal("not_found", (await Problem.ReadAsync(await other.GetAsync($"/api/v1/portal/documents/{decision}"), HttpStatusCode.NotFound)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/portal/documents/{decision}/pdf")).StatusCode);
        var otherPages = await app.CookieClientAsync("ent.minghu");
        Assert.Equal(HttpStatusCode.NotFound, (await otherPages.GetAsync($"/portal/documents/{decision}/pdf")).StatusCode);
        var page = await otherPages.GetStringAsync($"/portal/documents/{decision}");
        Assert.Contains("该文书不存在或未送达本单位", page);
        Assert.DoesNotContain("行政处罚决定书（", page);
        var staffView = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{decision}/service");
        Assert.Equal(JsonValueKind.Null, staffView[0].GetProperty("firstOpenedAt").ValueKind);

        // The party's own pages: the list, the document, and its PDF through the page address.
        var pages = await app.CookieClientAsync("ent.demo");
        Assert.Contains("行政处罚决定书", await pages.GetStringAsync("/portal/documents"));
        Assert.Contains($"/portal/documents/{decision}/pdf", await pages.GetStringAsync($"/portal/documents/{decision}"));
        var pdf = await pages.GetAsync($"/portal/documents/{decision}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePartySignsOnThePageTheTextItWasShown()
    {
        var pages = await app.CookieClientAsync("ent.demo");
        var page = await pages.GetStringAsync("/portal/service-address");
        var terms = new Dictionary<string, string>
        {
            ["address"] = "历下区泉城路 88 号",
            ["method"] = "Electronic",
            ["electronicConsent"] = "true",
            ["portal"] = "true",
            ["phone"] = "13812345678",
        };

        var preview = await PostAsync(pages, "preview", page, new(terms));
        Assert.Contains("手机号码：13812345678", preview);
        var hash = Hidden().Match(preview).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        var wrong = await PostAsync(pages, "sign", preview, new(terms) { ["textHash"] = hash, ["agree"] = "true", ["password"] = "wrong-password" });
        Assert.Contains("密码不正确", wrong);
        var signed = await PostAsync(pages, "sign", wrong, new(terms) { ["textHash"] = hash, ["agree"] = "true", ["password"] = Demo.DemoData.Password });

        Assert.Contains("本单位已于", signed);
        await using var db = app.Db();
        var entity = await app.EntityIdAsync(Pool);
        var current = await db.ServiceAddressConfirmations.SingleAsync(c => c.EntityId == entity && c.SupersededAt == null);
        Assert.Equal(hash, current.TextSha256);
        Assert.Equal("ent.demo", current.PortalAccount);
    }

    private static async Task<string> PostAsync(HttpClient web, string handler, string page, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        var response = await PostFormAsync(web, "/portal/service-address", page, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    [GeneratedRegex("name=\"textHash\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex Hidden();
}
