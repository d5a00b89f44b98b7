using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnOfficerSignsForAWarningChecksItAndOrdersRectification()
    {
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == "济南明湖水上运动中心");
            var start = DateTimeOffset.UtcNow.AddMinutes(-40);
            db.Warnings.Add(new Warning(Guid.CreateVersion7(), new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-TURBIDITY")),
                new WarningSubject(null, entity.Id, entity.AgencyId, entity.AgencyPath),
                new Episode(start, start.AddMinutes(15), null, [new Sample(start, 1.8, true)], "浑浊度 1.8 NTU 高于上限 1 NTU，持续 15 分钟"), start.AddMinutes(15)));
            await db.SaveChangesAsync();
        }

        await app.WithPageAsync("warnings", async page =>
        {
            await app.LoginAsync(page, "lx.officer2");
            await BrowserApp.FollowAsync(page, "预警", "/warnings");
            var row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("GB 37488-2019");
            await Expect(row).ToContainTextAsync("新预警");

            await row.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已签收");
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await row.GetByRole(AriaRole.Button, new() { Name = "开始核查" }).ClickAsync();
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("核查中");

            await row.GetByLabel("整改期限").FillAsync(DateTime.Today.AddDays(5).ToString("yyyy-MM-dd"));
            await row.GetByRole(AriaRole.Button, new() { Name = "责令整改" }).ClickAsync();
            await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已责令整改");
            row = page.Locator("table tbody tr", new() { HasText = "浑浊度 1.8 NTU" });
            await Expect(row).ToContainTextAsync("整改期限 " + DateTime.Today.AddDays(5).ToString("yyyy-MM-dd"));
        });
    }
}
