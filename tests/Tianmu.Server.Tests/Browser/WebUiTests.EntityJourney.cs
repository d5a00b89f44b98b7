using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tianmu.Cases;
using Tianmu.Devices;
using Tianmu.Server.Tests.Cases;
using Tianmu.Server.Tests.Payments;
using Tianmu.Server.Tests.Service;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>
    /// Issue 8's done-when, in one browser: the entity signs a new analyser's installation confirmation
    /// (S6/Z13), submits a self-report with its commitment (S13/Z15), sees the violation warning the analyser's
    /// readings raise and contests it with a photo (S15/Z16, art. 41), confirms its service address and
    /// receives the decision electronically (Z20, art. 61) — the receipt appears on the officer's case page —
    /// pays on the simulated platform (Z19) and the case closes; its own record shows what it did.
    /// The procedure between the case's opening and its decision is walked step by step in
    /// <see cref="ACaseIsWalkedFromAWarningToClosing"/>; here the case is brought to its decision directly.
    /// </summary>
    [Fact]
    public async Task AnEntityGoesFromSigningForItsDeviceToPayingAndTheCaseCloses()
    {
        // A second analyser the agency installed at the pool, registered and reviewed: the entity's signature is
        // next. The pool's first analyser has been active for three days.
        var (device, _) = await TestDevices.ActiveAsync(app, TestService.Pool, "JOURNEY-2", activate: false, credential: false);
        await MoveDeviceAsync(device, DeviceAction.Review);
        var (analyser, secret) = await TestDevices.ActiveAsync(app, TestService.Pool, "JOURNEY-1");
        const string form = "全流程测试：泳池消毒日报";
        await CreateSelfReportFormAsync(form);

        await app.WithPageAsync("journey-entity", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "设备", "/portal/devices");
            await page.Locator($"a[href='/portal/devices/{device}']").ClickAsync();
            await Expect(page.Locator("#confirmation-text")).ToContainTextAsync("将作为卫生健康行政执法的证据使用");
            await page.GetByLabel("本单位已阅读并确认上述内容").CheckAsync();
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "签署确认书" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("本单位已于");

            await BrowserApp.FollowAsync(page, "自律报送", "/portal/self-reports");
            var section = page.Locator("section.panel", new() { HasText = form });
            await section.GetByLabel("已投加消毒剂 *").SelectOptionAsync("是");
            await section.GetByLabel("本单位承诺所报送信息真实、准确、完整").CheckAsync();
            await section.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await section.GetByRole(AriaRole.Button, new() { Name = "签署承诺并报送" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync($"已报送“{form}”");
        });

        // The active analyser reports free chlorine at ≈0.1 mg/L for half an hour (GB 37488-2019: ≥ 0.3), and the
        // rule engine raises the warning.
        var low = Enumerable.Range(1, 30).Reverse().Select(m => (DateTimeOffset.UtcNow.AddMinutes(-m), "free_chlorine", (double?)(0.1 + (m % 3 * 0.02)), (string?)"N"));
        Assert.True((await TestDevices.PushAsync(app, analyser, secret, TestDevices.Batch([.. low]))).IsSuccessStatusCode);
        var warning = await RaisedForAsync(analyser);

        await app.WithPageAsync("journey-contest", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "预警", "/portal/warnings");
            await page.Locator($"a[href='/portal/warnings/{warning}']").ClickAsync();
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("GB 37488-2019");
            await Expect(page.Locator("table[aria-label='触发数据']")).ToContainTextAsync("mg/L");
            await page.GetByLabel("回应类型").SelectOptionAsync(new SelectOptionValue { Label = "陈述申辩/异议" });
            await page.GetByLabel("说明").FillAsync("探头安装首日尚未校准完毕，同时段人工检测余氯 0.5 mg/L，请予核实。");
            await page.GetByLabel("附件").SetInputFilesAsync(new FilePayload { Name = "人工检测记录.png", MimeType = "image/png", Buffer = Png });
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交回应" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已提交“陈述申辩/异议”");
            await Expect(page.Locator("ul.responses")).ToContainTextAsync("附件：人工检测记录.png");

            // Before anything is served it confirms where and how documents reach it.
            await BrowserApp.FollowAsync(page, "送达地址确认书", "/portal/service-address");
            await page.GetByLabel("送达地址", new() { Exact = true }).FillAsync("历下区泉城路 88 号");
            await page.GetByLabel("手机号码", new() { Exact = true }).FillAsync("13812345678");
            await page.GetByRole(AriaRole.Button, new() { Name = "生成确认书" }).ClickAsync();
            await page.GetByLabel("本单位已阅读并确认上述内容").CheckAsync();
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "签署确认书" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("本单位已于");
        });

        // The officer finds the contest unfounded, turns the warning into a case and the head decides a 2,000 元 fine.
        var caseId = await DecidedFromWarningAsync(warning, 2000m);
        var decision = await TestCases.IssueAsync(await app.ClientForAsync("lx.officer1"), caseId, "PenaltyDecision");
        var caseUrl = $"{app.BaseUrl}/cases/{caseId}";

        await app.WithPageAsync("journey-service", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await page.GotoAsync(caseUrl);
            await page.Locator("#service").GetByRole(AriaRole.Button, new() { Name = "电子送达" }).ClickAsync();
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已送达");

            await SwitchAsync(page, "ent.demo", app.BaseUrl + "/portal/documents");
            await Expect(page.Locator("table")).ToContainTextAsync(decision.GetProperty("number").GetString()!);
            await page.Locator($"a[href='/portal/documents/{decision.GetProperty("id").GetGuid()}']").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("行政处罚决定书");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("电子送达");

            // The receipt, generated from the delivery, is on the officer's side with the first opening.
            await SwitchAsync(page, "lx.officer1", caseUrl);
            var served = page.GetByRole(AriaRole.Table, new() { Name = "送达记录" }).Locator("tbody tr", new() { HasText = "行政处罚决定书" });
            await Expect(served).ToContainTextAsync("门户收件箱");
            await Expect(served).ToContainTextAsync("泉城游泳馆 管理员（ent.demo）"); // its first opening
            await Expect(served.GetByRole(AriaRole.Link, new() { NameRegex = new("^济历卫公送〔") })).ToBeVisibleAsync();
        });

        var code = await TestPayments.CodeAsync(app, caseId);
        await app.WithPageAsync("journey-payment", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "缴款", "/portal/payments");
            await page.Locator("table tbody tr", new() { HasText = code }).GetByRole(AriaRole.Link, new() { Name = "去支付" }).ClickAsync();
            await Expect(page.Locator("#amount-due")).ToHaveTextAsync("2000.00");
            await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "确认支付 2000.00 元" }).ClickAsync();
            await Expect(page.Locator("#payment-result")).ToContainTextAsync("应缴款项已全部缴清");

            await BrowserApp.FollowAsync(page, "操作记录", "/portal/activity");
            var record = page.Locator("table[aria-label='操作记录']");
            foreach (var done in new[] { "签署设备安装确认书", "自律报送并签署信息真实性承诺书", "回应预警", "签署送达地址确认书", "查阅电子送达的文书（首次打开）" })
            {
                await Expect(record).ToContainTextAsync(done);
            }

            await SwitchAsync(page, "lx.officer1", caseUrl);
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("执行完毕");
            await IssueDocumentAsync(page, caseUrl, "结案报告");
            await SwitchAsync(page, "lx.head", caseUrl);
            await TakeStepAsync(page, "结案");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已结案");
        });
    }

    private async Task MoveDeviceAsync(Guid id, DeviceAction action)
    {
        await using var db = app.Db();
        var device = await db.Devices.SingleAsync(d => d.Id == id);
        db.DeviceStatusChanges.Add(device.Move(action, DateTimeOffset.UtcNow, "lx.reviewer", null) ?? throw new InvalidOperationException($"{action} not allowed from {device.Status}"));
        await db.SaveChangesAsync();
    }

    private async Task CreateSelfReportFormAsync(string name)
    {
        await using var db = app.Db();
        var item = await db.CatalogItems.SingleAsync(i => i.Code == "济-GGCS-001");
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await TianmuApp.IssueTokenAsync(api, "jn.admin", Demo.DemoData.Password));
        var created = await api.PostAsJsonAsync("/api/v1/self-reports/forms", new
        {
            catalogItemId = item.Id,
            name,
            categories = new[] { "PublicPlace" },
            subCategories = new[] { "游泳场所" },
            fields = new object[] { new { code = "disinfected", label = "已投加消毒剂", type = "YesNo", required = true } },
            frequency = "Daily",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    /// <summary>The low-chlorine warning the rule engine raised for the device (it evaluates in the background).</summary>
    private async Task<Guid> RaisedForAsync(Guid device)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(200))
        {
            await using (var db = app.Db())
            {
                if (await db.Warnings.Where(w => w.DeviceId == device && w.RuleCode == "POOL-FCL-LOW").Select(w => (Guid?)w.Id).FirstOrDefaultAsync() is { } id)
                {
                    return id;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The rule engine raised no low-chlorine warning within 30 s.");
    }

    /// <summary>
    /// The warning handled and turned into a clue, a case opened from it through the API with its investigators,
    /// then filed, concluded and decided with <paramref name="fine"/> 元 directly in the store.
    /// </summary>
    private async Task<Guid> DecidedFromWarningAsync(Guid warning, decimal fine)
    {
        var officer = await app.ClientForAsync("lx.officer1");
        foreach (var action in new[] { "SignFor", "StartChecking", "TurnIntoClue" })
        {
            (await officer.PostAsJsonAsync($"/api/v1/warnings/{warning}/actions", new { action })).EnsureSuccessStatusCode();
        }

        var id = TestCases.IdOf(await TestCases.OpenAsync(officer, await app.EntityIdAsync(TestService.Pool), source: "Warning", sourceRef: warning.ToString()));
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());

        await using var db = app.Db();
        var c = await db.Cases.SingleAsync(x => x.Id == id);
        var today = TestService.Today;
        c.RecordFiling(today, "health-2025");
        c.RecordConclusion("经调取在线监测数据，游离性余氯持续低于标准下限；当事人异议所称人工检测记录与监测数据不符。", CaseOutcome.Penalty, new Penalty(true, fine), "一般情节", false, false);
        c.RecordDecision(CaseOutcome.Penalty, new Penalty(true, fine), today);
        c.MoveTo(CaseStage.Decided, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return id;
    }
}
