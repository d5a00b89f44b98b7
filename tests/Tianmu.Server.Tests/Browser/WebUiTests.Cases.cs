using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>
    /// One case from a warning turned clue through filing, investigation, legal review, prior notice,
    /// decision, service and closing, each step taken by the role the law gives it, with its document
    /// drafted from the case, completed and issued in the browser.
    /// </summary>
    [Fact]
    public async Task ACaseIsWalkedFromAWarningToClosing()
    {
        var warning = await TestWarnings.RaiseAsync(app, "济南明湖水上运动中心", "游离性余氯 0.1 mg/L 低于下限 0.3 mg/L，持续 40 分钟", "POOL-FCL-LOW");
        var api = await app.ClientForAsync("lx.officer1");
        foreach (var action in new[] { "SignFor", "StartChecking", "TurnIntoClue" })
        {
            (await api.PostAsJsonAsync($"/api/v1/warnings/{warning}/actions", new { action })).EnsureSuccessStatusCode();
        }

        await app.WithPageAsync("case", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await page.GotoAsync(app.BaseUrl + "/warnings?open=false");
            await page.Locator("table tbody tr", new() { HasText = "游离性余氯 0.1" }).GetByRole(AriaRole.Link, new() { Name = "受理为案件" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("受理案件");
            await Expect(page.GetByLabel("来源编号")).ToHaveValueAsync(warning.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已受理");
            var caseUrl = page.Url;

            await page.GetByLabel("黄磊").CheckAsync();
            await page.GetByLabel("吴琳").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "保存承办人" }).ClickAsync();
            await Expect(page.Locator(".facts")).ToContainTextAsync("黄磊（执法证");
            await IssueDocumentAsync(page, caseUrl, "立案报告");

            await SwitchAsync(page, "lx.head", caseUrl);
            await TakeStepAsync(page, "立案");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("调查取证");

            await SwitchAsync(page, "lx.officer1", caseUrl);
            await IssueDocumentAsync(page, caseUrl, "案件调查终结报告");
            await TakeStepAsync(page, "调查终结", async form =>
            {
                await form.GetByLabel("调查终结报告").FillAsync("经调取在线监测数据，该单位泳池游离性余氯持续低于标准下限。");
                await form.GetByLabel("警告").CheckAsync();
                await form.GetByLabel("裁量理由").FillAsync("初次发现，已及时整改，给予警告。");
                await form.GetByLabel("需法制审核（第五十八条）").CheckAsync();
            });
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("调查终结");

            await SwitchAsync(page, "lx.reviewer", caseUrl);
            await TakeStepAsync(page, "法制审核", async form =>
            {
                await form.GetByLabel("通过").CheckAsync();
                await form.GetByLabel("审核意见").FillAsync("事实清楚，证据确凿，程序合法。");
            });
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("法制审核完成");

            await SwitchAsync(page, "lx.head", caseUrl);
            await TakeStepAsync(page, "负责人审批");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("负责人已审批");

            await SwitchAsync(page, "lx.officer1", caseUrl);
            await IssueDocumentAsync(page, caseUrl, "行政处罚事先告知书");
            await TakeStepAsync(page, "送达行政处罚事先告知书");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已事先告知");
            await TakeStepAsync(page, "记录放弃陈述申辩和听证", form => form.GetByLabel("放弃方式").FillAsync("当事人书面声明放弃陈述申辩。"));
            await IssueDocumentAsync(page, caseUrl, "行政处罚决定书");

            await SwitchAsync(page, "lx.head", caseUrl);
            await TakeStepAsync(page, "作出决定");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已作出决定");
            await Expect(page.Locator(".facts")).ToContainTextAsync("给予行政处罚：警告");

            await SwitchAsync(page, "lx.officer1", caseUrl);
            await TakeStepAsync(page, "记录送达");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已送达");
            await IssueDocumentAsync(page, caseUrl, "结案报告");

            await SwitchAsync(page, "lx.head", caseUrl);
            await TakeStepAsync(page, "结案");
            await Expect(page.Locator("#case-stage")).ToHaveTextAsync("已结案");
            await Expect(page.Locator(".timeline")).ToContainTextAsync("作出决定");
            await Expect(page.Locator("#documents-title")).ToHaveTextAsync("文书（5）");
        });
    }

    private async Task SwitchAsync(IPage page, string user, string caseUrl)
    {
        await page.Context.ClearCookiesAsync();
        await app.LoginAsync(page, user);
        await page.GotoAsync(caseUrl);
    }

    /// <summary>Opens the step's form, lets <paramref name="fill"/> complete it, submits and waits for the confirmation.</summary>
    private static async Task TakeStepAsync(IPage page, string name, Func<ILocator, Task>? fill = null)
    {
        var step = page.Locator("details.action").Filter(new() { Has = page.Locator("summary strong", new() { HasTextRegex = new Regex($"^{name}$") }) });
        if (!await step.EvaluateAsync<bool>("d => d.open"))
        {
            await step.Locator("summary").ClickAsync();
        }

        if (fill is not null)
        {
            await fill(step);
        }

        await step.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已办理");
    }

    /// <summary>Drafts the document from the case page, completes the fields the case could not fill, issues it and returns to the case.</summary>
    private static async Task IssueDocumentAsync(IPage page, string caseUrl, string typeName)
    {
        await page.GetByLabel("起草文书").SelectOptionAsync(new SelectOptionValue { Label = typeName + "（下一环节需要）" });
        await page.GetByRole(AriaRole.Button, new() { Name = "起草（按案件信息预填）" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(typeName);
        await page.EvaluateAsync(@"() => document.querySelectorAll('[name^=""f:""]').forEach(f => { if (!f.value.trim()) f.value = '（承办人填写）'; })");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("草稿已保存");
        await page.GetByRole(AriaRole.Button, new() { Name = "签发", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已签发");
        await page.GotoAsync(caseUrl);
    }
}
