using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tianmu.Persistence;
using Tianmu.Server.Notifications;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnEntityReadsTheWarningNoticeInItsMessages()
    {
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TianmuDb>();
            var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉城游泳馆有限公司");
            var start = DateTimeOffset.UtcNow.AddMinutes(-30);
            var warning = new Warning(Guid.CreateVersion7(), new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-PH")),
                new WarningSubject(null, entity.Id, entity.AgencyId, entity.AgencyPath),
                new Episode(start, start.AddMinutes(15), null, [new Sample(start, 6.2, true)], "pH 6.2 低于下限 7.0，持续 15 分钟"), start.AddMinutes(15));
            db.Warnings.Add(warning);
            await scope.ServiceProvider.GetRequiredService<Notifier>().WarningRaisedAsync(warning, default);
            await db.SaveChangesAsync();
        }

        await app.WithPageAsync("messages", async page =>
        {
            await app.LoginAsync(page, "ent.demo");
            await BrowserApp.FollowAsync(page, "消息", "/portal/messages");
            var row = page.Locator("table tbody tr", new() { HasText = "pH 6.2 低于下限 7.0" });
            await Expect(row).ToHaveClassAsync("unread");
            await Expect(row).ToContainTextAsync("预警告知：pH 超出限值");
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = "查看预警" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/portal/warnings/"));

            await row.GetByRole(AriaRole.Button, new() { Name = "标为已读" }).ClickAsync();
            row = page.Locator("table tbody tr", new() { HasText = "pH 6.2 低于下限 7.0" });
            await Expect(row).ToContainTextAsync("已读");
            await Expect(row).Not.ToHaveClassAsync("unread");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "标为已读" })).ToHaveCountAsync(0);
        });
    }
}
