using Microsoft.Playwright;
using Tianmu.Server.Tests.Browser;
using static Microsoft.Playwright.Assertions;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>In Chromium: the party confirms its service address, the officer serves the decision electronically, the party reads it, a head publishes it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ThePartyConfirmsItsAddressTheOfficerServesTheDecisionElectronicallyAndThePartyReadsIt()
    {
        var caseId = await DecidedAsync(app, Pool);
        var decision = await Cases.TestCases.IssueAsync(await app.ClientForAsync("lx.officer1"), caseId, "PenaltyDecision");
        var number = decision.GetProperty("number").GetString()!;

        await app.WithPageAsync("service-confirmation", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "送达地址确认书", "/portal/service-address");
            await page.GetByLabel("送达地址", new() { Exact = true }).FillAsync("历下区泉城路 88 号");
            await page.GetByLabel("手机号码", new() { Exact = true }).FillAsync("13812345678");
            await page.GetByRole(AriaRole.Button, new() { Name = "生成确认书" }).ClickAsync();
            await Expect(page.Locator("#confirmation-text")).ToContainTextAsync("手机号码：13812345678");
            await page.GetByLabel("本单位已阅读并确认上述内容").CheckAsync();
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "签署确认书" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("本单位已于");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("138****5678");
        });

        await app.WithPageAsync("service-case", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await page.GotoAsync($"{app.BaseUrl}/cases/{caseId}");
            await Expect(page.Locator("#service")).ToContainTextAsync("同意电子送达");
            await page.Locator("#service").GetByRole(AriaRole.Button, new() { Name = "电子送达" }).ClickAsync();
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已送达");
            await Expect(page.Locator("#service")).ToContainTextAsync("济历卫公送〔");
            await Expect(page.Locator("#service")).ToContainTextAsync("门户收件箱");
        });

        await app.WithPageAsync("service-portal-document", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "文书", "/portal/documents");
            await Expect(page.Locator("table")).ToContainTextAsync(number);
            await page.GetByRole(AriaRole.Link, new() { Name = "行政处罚决定书" }).First.ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("行政处罚决定书");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载 PDF" })).ToBeVisibleAsync();
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("电子送达");
        });

        await app.WithPageAsync("service-publication", async page =>
        {
            await app.LoginAsync(page, "lx.head");
            await page.GotoAsync($"{app.BaseUrl}/cases/{caseId}");
            await page.Locator("#service").GetByRole(AriaRole.Button, new() { Name = "公开处罚决定" }).ClickAsync();
            await Expect(page.Locator("#service")).ToContainTextAsync("已公开");
            await BrowserApp.FollowAsync(page, "处罚决定公开", "/publications");
            await Expect(page.Locator("table")).ToContainTextAsync(number);
            await page.GotoAsync($"{app.BaseUrl}/public/decisions?agency=370102");
            await Expect(page.Locator("main")).ToContainTextAsync(number);
            await Expect(page.Locator("main")).ToContainTextAsync("处罚内容：");
        });
    }
}
