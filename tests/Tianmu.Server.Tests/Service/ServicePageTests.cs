using System.Net;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Server.Tests.Support;
using Tianmu.Service;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>The staff pages' forms: the case page's service panel, the entity page's confirmation panel, the publications page.</summary>
public sealed class ServicePageTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task AnOfficerServesElectronicallyAndRecordsALeftAtPremisesServiceFromTheCasePage()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var web = await app.CookieClientAsync("lx.officer1");
        var served = await DecidedAsync(app, Pool);
        var left = await DecidedAsync(app, Pool);
        var decision = (await Cases.TestCases.IssueAsync(officer, served, "PenaltyDecision")).GetProperty("id").GetGuid();
        var other = (await Cases.TestCases.IssueAsync(officer, left, "PenaltyDecision")).GetProperty("id").GetGuid();
        await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, portal = true });

        var page = await web.GetStringAsync($"/cases/{served}");
        Assert.Contains("送达期限", page);
        Assert.Contains("同意电子送达", page);
        var eserve = await PostFormAsync(web, $"/cases/{served}", page, new() { ["_handler"] = $"eserve-{decision}" });
        Assert.EndsWith($"/cases/{served}#service", eserve.Headers.Location?.OriginalString);
        var after = await web.GetStringAsync($"/cases/{served}");
        Assert.Matches(@"济历卫公送〔\d{4}〕\d+号", after);
        Assert.Contains("已送达", after);

        var leftPage = await web.GetStringAsync($"/cases/{left}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent($"record-{other}"), "_handler" },
            { new StringContent(Token(leftPage)), "__RequestVerificationToken" },
            { new StringContent("LeftAtPremises"), "method" },
            { new StringContent(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "leftOn" },
            { new StringContent("负责人拒绝签收"), "refusalReason" },
        };
        var photo = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1]);
        photo.Headers.ContentType = new("image/jpeg");
        form.Add(photo, "file", "留置现场.jpg");
        var recorded = await web.PostAsync($"/cases/{left}", form);
        Assert.True(recorded.StatusCode == HttpStatusCode.Redirect, await recorded.Content.ReadAsStringAsync());

        await using var db = app.Db();
        Assert.Equal(CaseStage.Served, (await db.Cases.SingleAsync(c => c.Id == served)).Stage);
        var record = await db.ServiceRecords.SingleAsync(r => r.DocumentId == other);
        Assert.Equal((ServiceMethod.LeftAtPremises, ServiceStatus.Served, "留置现场.jpg"), (record.Method, record.Status, record.AttachmentName));
    }

    [Fact]
    public async Task AnOfficerRecordsAPaperConfirmationOnTheEntityPageAndARefusalIsExplained()
    {
        var web = await app.CookieClientAsync("lx.officer1");
        var entity = await app.EntityIdAsync(OtherPool);
        var page = await web.GetStringAsync($"/entities/{entity}");
        Assert.Contains("当事人尚未确认送达地址", page);

        var refused = await PostFormAsync(web, $"/entities/{entity}", page, new()
        {
            ["_handler"] = "paper-confirmation",
            ["address"] = "历下区明湖东路 15 号",
            ["method"] = "Electronic",
            ["signerName"] = "李明",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("选择电子送达的，须同意电子送达", await refused.Content.ReadAsStringAsync());

        var recorded = await PostFormAsync(web, $"/entities/{entity}", page, new()
        {
            ["_handler"] = "paper-confirmation",
            ["address"] = "历下区明湖东路 15 号",
            ["method"] = "Electronic",
            ["electronicConsent"] = "true",
            ["phone"] = "13900001111",
            ["signerName"] = "李明（负责人）",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var shown = await web.GetStringAsync($"/entities/{entity}");
        Assert.Contains("139****1111", shown);
        Assert.DoesNotContain("13900001111", shown);
    }

    [Fact]
    public async Task AHeadPublishesFromTheCasePageAndWithdrawsOnThePublicationsPage()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var web = await app.CookieClientAsync("lx.head");
        var caseId = await DecidedAsync(app, Pool, Today.AddDays(-1));
        var decision = await Cases.TestCases.IssueAsync(officer, caseId, "PenaltyDecision");
        var number = decision.GetProperty("number").GetString()!;

        var page = await web.GetStringAsync($"/cases/{caseId}");
        var published = await PostFormAsync(web, $"/cases/{caseId}", page, new() { ["_handler"] = $"publish-{decision.GetProperty("id").GetGuid()}" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var list = await web.GetStringAsync("/publications");
        Assert.Contains(number, list);
        Guid id;
        await using (var db = app.Db())
        {
            id = (await db.DecisionPublications.SingleAsync(p => p.Number == number)).Id;
        }

        var withdrawn = await PostFormAsync(web, "/publications", list, new()
        {
            ["_handler"] = $"withdraw-{id}",
            ["change"] = "Changed",
            ["changedOn"] = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = "复议机关变更处罚决定，原公开信息撤回。",
            ["do"] = "withdraw",
        });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var open = await app.Anonymous().GetStringAsync("/public/decisions");
        Assert.Contains("复议机关变更处罚决定，原公开信息撤回。", open);
        Assert.Contains("依法变更", open);
    }
}
