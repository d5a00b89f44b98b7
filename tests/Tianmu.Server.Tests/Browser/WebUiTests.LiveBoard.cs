using Microsoft.Playwright;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>
    /// Issue 5's done-when: a violation pushed by a pool's analyser appears on the open board without a
    /// reload; the officer signs for it and orders rectification with a deadline; the entity sees it in its
    /// portal with the readings and states its defence; the officer's board shows the answer, again live.
    /// </summary>
    [Fact]
    public Task AViolationArrivesLiveIsHandledAndTheEntityAnswersIt() => app.WithPageAsync("live-board", async board =>
    {
        var live = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
        await app.LoginAsync(board, "lx.officer1");
        await BrowserApp.FollowAsync(board, "预警", "/warnings");
        await Expect(board.Locator("#live-state")).ToHaveTextAsync("实时更新已连接", new() { Timeout = 15_000 });
        await board.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // The pool's analyser reports free chlorine at ≈0.1 mg/L for 30 minutes (GB 37488-2019: ≥ 0.3).
        var (device, secret) = await TestDevices.ActiveAsync(app, "济南泉城游泳馆有限公司", "LIVE-1");
        var low = Enumerable.Range(1, 30).Reverse().Select(m => (DateTimeOffset.UtcNow.AddMinutes(-m), "free_chlorine", (double?)(0.1 + (m % 3 * 0.02)), (string?)"N"));
        Assert.True((await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. low]))).IsSuccessStatusCode);

        var row = board.Locator("#warning-board tbody tr.live-new", new() { HasText = "游离性余氯低于下限" }).Filter(new() { HasText = "济南泉城游泳馆有限公司" });
        await Expect(row).ToBeVisibleAsync(live);
        await Expect(row).ToContainTextAsync("新预警");
        await Expect(board.Locator("#live-count")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"新到 \d+ 条")); // the dips rule may fire too
        Assert.True(await board.EvaluateAsync<bool>("() => window.stillTheSamePage === true")); // no reload

        // The officer handles it through the row's own forms.
        await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Expect(board.Locator(".alert-ok")).ToContainTextAsync("已签收");
        var handled = board.Locator("#warning-board tbody tr", new() { HasText = "游离性余氯低于下限" }).Filter(new() { HasText = "济南泉城游泳馆有限公司" });
        await handled.GetByRole(AriaRole.Button, new() { Name = "开始核查" }).ClickAsync();
        await Expect(handled).ToContainTextAsync("核查中");
        var deadline = DateTime.Today.AddDays(3).ToString("yyyy-MM-dd");
        await handled.GetByLabel("整改期限").FillAsync(deadline);
        await handled.GetByRole(AriaRole.Button, new() { Name = "责令整改" }).ClickAsync();
        await Expect(board.Locator(".alert-ok")).ToContainTextAsync("已责令整改");
        await Expect(board.Locator("#live-state")).ToHaveTextAsync("实时更新已连接", new() { Timeout = 15_000 });
        await board.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // The entity, in its own browser, sees the warning with the readings and answers it.
        await using (var entityContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "zh-CN" }))
        {
            var portal = await entityContext.NewPageAsync();
            await app.LoginAsync(portal, "ent.demo");
            await BrowserApp.FollowAsync(portal, "预警", "/portal/warnings");
            var mine = portal.Locator("table tbody tr", new() { HasText = "游离性余氯低于下限" });
            await Expect(mine).ToContainTextAsync("已责令整改");
            await Expect(mine).ToContainTextAsync(deadline);
            await mine.GetByRole(AriaRole.Link, new() { Name = "查看与回应" }).ClickAsync();
            await Expect(portal.Locator("h1")).ToContainTextAsync("余氯");
            await Expect(portal.Locator("dl.facts")).ToContainTextAsync("GB 37488-2019");
            Assert.True(await portal.Locator("table[aria-label='触发数据'] tbody tr").CountAsync() >= 15);
            await Expect(portal.Locator("table[aria-label='触发数据']")).ToContainTextAsync("mg/L");

            await portal.GetByLabel("回应类型").SelectOptionAsync(new SelectOptionValue { Label = "陈述申辩/异议" });
            await portal.GetByLabel("说明").FillAsync("当日 14 时加氯泵停机检修，已于 15 时恢复投加，请予核实。");
            await portal.GetByLabel("附件").SetInputFilesAsync(new FilePayload { Name = "检修记录.png", MimeType = "image/png", Buffer = Png });
            await portal.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await portal.GetByRole(AriaRole.Button, new() { Name = "提交回应" }).ClickAsync();
            await Expect(portal.Locator(".alert-ok")).ToContainTextAsync("已提交“陈述申辩/异议”");
            await Expect(portal.Locator("ul.responses")).ToContainTextAsync("加氯泵停机检修");
            await Expect(portal.Locator("ul.responses")).ToContainTextAsync("附件：检修记录.png");
        }

        // The officer's open board shows the answer without a reload.
        var answered = board.Locator("#warning-board tbody tr.live-new", new() { HasText = "加氯泵停机检修" });
        await Expect(answered).ToBeVisibleAsync(live);
        await Expect(answered).ToContainTextAsync("相对人陈述申辩/异议");
        await Expect(answered.GetByRole(AriaRole.Link, new() { Name = "附件：检修记录.png" })).ToBeVisibleAsync();
        Assert.True(await board.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
    });

    /// <summary>The smallest valid PNG: 1×1 pixel.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
