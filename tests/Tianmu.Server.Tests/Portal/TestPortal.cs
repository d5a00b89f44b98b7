using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Entities;
using Tianmu.Notifications;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Cases.TestCases;

namespace Tianmu.Server.Tests.Portal;

/// <summary>Portal helpers: party accounts bound to entities, and cases brought to where the party acts.</summary>
public static class TestPortal
{
    /// <summary>ent.demo acts for it (demo data).</summary>
    public const string Quancheng = "济南泉城游泳馆有限公司";

    /// <summary>The cases' usual party (<see cref="Pool"/>); no demo account acts for it in the plain test server.</summary>
    public const string Minghu = Pool;

    /// <summary>A party account (行政相对人, demo password) acting for <paramref name="entities"/>, created by the administrator.</summary>
    public static async Task<HttpClient> PartyAsync(TianmuApp app, string userName, params string[] entities)
    {
        var admin = await app.ClientForAsync("sd.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { userName, displayName = $"{userName} 经办人", roles = new[] { "EntityUser" }, password = DemoData.Password });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var userId = await app.UserIdAsync(userName);
        await using (var db = app.Db())
        {
            foreach (var name in entities)
            {
                db.EntityUsers.Add(new EntityUser(await db.Entities.Where(e => e.Name == name).Select(e => e.Id).SingleAsync(), userId));
            }

            await db.SaveChangesAsync();
        }

        return await app.ClientForAsync(userName);
    }

    /// <summary>
    /// A general-procedure case of <paramref name="entityName"/> filed, investigated, approved with a penalty of
    /// <paramref name="fine"/> 元 and notified today (事先告知 served): the party's statement and hearing periods run.
    /// </summary>
    public static async Task<Guid> NotifiedAsync(TianmuApp app, decimal fine, string entityName = Minghu)
    {
        var id = await FiledAsync(app, entityName);
        var officer = await app.ClientForAsync("lx.officer1");
        await IssueAsync(officer, id, "InvestigationReport");
        await StepAsync(officer, id, new
        {
            action = "ConcludeInvestigation",
            report = "调查终结报告（内部）：连续三日游离性余氯低于 0.3 mg/L。",
            outcome = "Penalty",
            penalty = new { warning = true, fine },
            discretionReason = "裁量理由（内部）：持续三日，一般情节。",
        });
        await StepAsync(await app.ClientForAsync("lx.head"), id, new { action = "Approve", note = "同意（内部审批意见）" });
        await IssueAsync(officer, id, "PriorNotice");
        await StepAsync(officer, id, new { action = "ServePriorNotice" });
        return id;
    }

    /// <summary>A case of <paramref name="entityName"/> accepted and filed (立案) with two investigators.</summary>
    public static async Task<Guid> FiledAsync(TianmuApp app, string entityName = Minghu)
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var id = IdOf(await OpenAsync(officer, await app.EntityIdAsync(entityName)));
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        await IssueAsync(officer, id, "FilingReport");
        await StepAsync(await app.ClientForAsync("lx.head"), id, new { action = "File" });
        return id;
    }

    /// <summary>A document served into the entity's portal inbox, as the service feature announces one.</summary>
    public static async Task<Guid> DocumentServedAsync(TianmuApp app, string entityName, string title)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var id = Guid.CreateVersion7();
        db.Notifications.Add(Notification.ToPortal(id, NotificationKind.DocumentServed, new NotificationAddress(entity.Id, entity.AgencyPath),
            new NotificationContent($"test-document:{id}", title, "执法文书已电子送达，请查阅。", $"/portal/documents/{id}"), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return id;
    }
}
