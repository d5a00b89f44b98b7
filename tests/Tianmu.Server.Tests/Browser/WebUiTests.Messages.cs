using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tianmu.Persistence;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AnEntityReadsTheWarningNoticeInItsMessages()
    {
        var id = await TestWarnings.RaiseAsync(app, "济南泉城游泳馆有限公司", "pH 6.2 低于下限 7.0，持续 15 分钟", "POOL-PH");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TianmuDb>();
            await scope.ServiceProvider.GetRequiredService<Notifier>().WarningRaisedAsync(await db.Warnings.SingleAsync(w => w.Id == id), default);
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
