using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Credit;
using Tianmu.Notifications;
using Tianmu.Server.Auth;
using Tianmu.Server.Credit;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Credit;

/// <summary>
/// A decision on a credit repair (信用修复) is told to the entity — a portal message and an SMS committed with the
/// decision — and is taken once even when two officers decide at the same moment: one wins, the other gets a 409.
/// </summary>
public sealed class CreditRepairDecisionTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    /// <summary>A pending application of 泉城 naming a warning, as the portal stores it (the portal side: CreditRepairTests).</summary>
    private async Task<Guid> PendingAsync()
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == Quancheng);
        var applicant = await db.Users.SingleAsync(u => u.UserName == "ent.demo");
        var repair = new CreditRepair(Guid.CreateVersion7(), entity.Id, entity.AgencyPath, CreditFactKinds.Warning, Guid.CreateVersion7(), "已整改。", applicant.Id,
            "演示用户（ent.demo）", DateTimeOffset.UtcNow);
        db.CreditRepairs.Add(repair);
        await db.SaveChangesAsync();
        return repair.Id;
    }

    private async Task<List<Notification>> ToldAsync(Guid repair)
    {
        await using var db = app.Db();
        return await db.Notifications.AsNoTracking().Where(n => n.Source == CreditRepairTexts.Source(repair)).OrderBy(n => n.Channel).ToListAsync();
    }

    [Fact]
    public async Task ARefusalIsToldToTheEntityInItsPortalInboxAndBySmsWithTheReason()
    {
        var id = await PendingAsync();
        var officer = await app.ClientForAsync("lx.officer1");

        var refused = await officer.PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = false, reason = "现场复查浑浊度仍超标，整改未完成。" });

        Assert.True(refused.IsSuccessStatusCode, await refused.Content.ReadAsStringAsync());
        var told = await ToldAsync(id);
        Assert.Equal([NotificationChannel.Portal, NotificationChannel.Sms], told.Select(n => n.Channel));
        Assert.All(told, n => Assert.Equal(NotificationKind.CreditRepairDecided, n.Kind));
        var portal = told[0];
        Assert.Equal("信用修复审核结果：不予修复", portal.Title);
        Assert.Contains("现场复查浑浊度仍超标，整改未完成。", portal.Body, StringComparison.Ordinal);
        Assert.Equal("/portal/credit", portal.Link);
        Assert.Null(portal.RecipientUserId); // the entity's inbox, not a staff member's
        Assert.Contains("不予修复", told[1].Body, StringComparison.Ordinal);
        Assert.Equal("信用修复审核结果", Tianmu.Server.Notifications.NotificationNames.Of(NotificationKind.CreditRepairDecided));
    }

    [Fact]
    public async Task AnOfficerWhoReadTheApplicationBeforeAnotherDecidedItGetsAConflictAndNothingOfHisIsKept()
    {
        var id = await PendingAsync();
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        // The second officer has the application open (read while still pending) when the first decides.
        Assert.Equal(CreditRepairStatus.Pending, (await second.ServiceProvider.GetRequiredService<Tianmu.Persistence.TianmuDb>().CreditRepairs.FindAsync(id))!.Status);

        var won = await first.ServiceProvider.GetRequiredService<CreditRepairDesk>().DecideAsync(await CallerAsync("lx.officer1"), id, new RepairDecisionInput(true, "整改已核实，同意修复。"), default);
        var lost = await second.ServiceProvider.GetRequiredService<CreditRepairDesk>().DecideAsync(await CallerAsync("lx.officer2"), id, new RepairDecisionInput(false, "不同意。"), default);

        Assert.True(won.IsSuccess);
        Assert.Equal(("credit_repair.changed", Tianmu.Common.ErrorKind.Conflict), (lost.Error!.Code, lost.Error.Kind));
        Assert.Contains("黄磊", lost.Error.Detail, StringComparison.Ordinal); // who decided it
        await using var db = app.Db();
        var stored = await db.CreditRepairs.SingleAsync(r => r.Id == id);
        Assert.Equal((CreditRepairStatus.Approved, "整改已核实，同意修复。"), (stored.Status, stored.DecisionReason));
        Assert.Equal(2, (await ToldAsync(id)).Count); // one portal message and one SMS: the winner's
        Assert.DoesNotContain(await db.AuditRecords.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(), a => a == "credit_repair.refused");
    }

    [Fact]
    public async Task OfficersDecidingAtTheSameMomentOneWinsTheOthersGetAConflict()
    {
        var id = await PendingAsync();
        var clients = new[] { await app.ClientForAsync("lx.officer1"), await app.ClientForAsync("lx.officer2"), await app.ClientForAsync("lx.head") };

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = i % 2 == 0, reason = $"第 {i} 位审核人的理由。" })));

        Assert.Single(responses, r => r.IsSuccessStatusCode);
        foreach (var r in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.Contains((await Problem.ReadAsync(r, HttpStatusCode.Conflict)).Code, new[] { "credit_repair.changed", "credit_repair.already_decided" });
        }

        Assert.Equal(2, (await ToldAsync(id)).Count);
    }

    private async Task<CurrentUser> CallerAsync(string userName)
    {
        await using var db = app.Db();
        var user = await db.Users.Include(u => u.Agency).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync();
        return new CurrentUser(user.Id, user.UserName, user.DisplayName, roles.ToHashSet(), user.AgencyId, user.Agency!.Path);
    }
}
