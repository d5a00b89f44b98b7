using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnEntitySignsTheCommitmentAndReportsAndAnOfficerSeesIt()
    {
        await using (var db = app.Db())
        {
            var item = await db.CatalogItems.SingleAsync(i => i.Code == "济-GGCS-001");
            using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) }; // the browser fixture serves on a real port
            api.DefaultRequestHeaders.Authorization = new("Bearer", await TianmuApp.IssueTokenAsync(api, "jn.admin", Demo.DemoData.Password));
            var created = await api.PostAsJsonAsync("/api/v1/self-reports/forms", new
            {
                catalogItemId = item.Id,
                name = "浏览器测试：泳池水质日报",
                categories = new[] { "PublicPlace" },
                subCategories = new[] { "游泳场所" },
                fields = new object[]
                {
                    new { code = "free_chlorine", label = "游离性余氯", type = "Number", unit = "mg/L", min = 0, max = 20, required = true, metric = "free_chlorine" },
                    new { code = "disinfected", label = "已投加消毒剂", type = "YesNo", required = true },
                },
                frequency = "Daily",
            });
            created.EnsureSuccessStatusCode();
        }

        await app.WithPageAsync("self-report", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "自律报送", "/portal/self-reports");
            var section = page.Locator("section.panel", new() { HasText = "浏览器测试：泳池水质日报" });
            await Expect(section.Locator("pre.document")).ToContainTextAsync("真实、准确、完整");

            // Without the commitment the report is refused and nothing is kept.
            await section.GetByLabel("游离性余氯（mg/L） *").FillAsync("0.45");
            await section.GetByLabel("已投加消毒剂 *").SelectOptionAsync("是");
            await section.GetByRole(AriaRole.Button, new() { Name = "签署承诺并报送" }).ClickAsync();
            await Expect(page.Locator("body")).ToContainTextAsync("请阅读承诺书并勾选");

            section = page.Locator("section.panel", new() { HasText = "浏览器测试：泳池水质日报" });
            await section.GetByLabel("游离性余氯（mg/L） *").FillAsync("0.45");
            await section.GetByLabel("已投加消毒剂 *").SelectOptionAsync("是");
            await section.GetByLabel("本单位承诺所报送信息真实、准确、完整").CheckAsync();
            await section.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
            await section.GetByRole(AriaRole.Button, new() { Name = "签署承诺并报送" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已报送“浏览器测试：泳池水质日报”");
        });

        await app.WithPageAsync("self-report-officer", async page =>
        {
            await app.LoginAsync(page, "lx.officer1");
            await BrowserApp.FollowAsync(page, "自律报送", "/self-reports");
            var row = page.Locator("table tbody tr", new() { HasText = "浏览器测试：泳池水质日报" });
            await Expect(row).ToContainTextAsync("游离性余氯 0.45mg/L");
            await Expect(row).ToContainTextAsync("济南泉城游泳馆有限公司");
        });
    }
}
