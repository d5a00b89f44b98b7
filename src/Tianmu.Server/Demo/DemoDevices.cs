using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Devices;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Demo;

/// <summary>
/// Demo monitoring devices for the simulator (Tianmu:DemoDevices): pools, a hotel lobby, a water plant
/// and a clinic's waste store, over HTTP and HJ 212. Each is taken through the lifecycle by the services
/// the API uses, as the demo officers, reviewers and the entities' own accounts would — so the data obeys
/// the same rules — on a clock set weeks back, so today's readings are evidence-usable.
/// </summary>
public static class DemoDevices
{
    /// <summary>PW of every demo HJ 212 device; the simulator's default <c>--hj212-pw</c>.</summary>
    public const string Hj212Password = "212212";

    private static readonly TimeSpan InstalledAgo = TimeSpan.FromDays(40);

    /// <summary>Seeds the devices once, when the demo tree is there and no device is registered yet.</summary>
    public static async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TianmuDb>();
        var plans = DemoDevicePlans.All;
        var names = plans.Select(p => p.Entity).Distinct().ToList();
        var entities = await db.Entities.Where(e => names.Contains(e.Name)).ToDictionaryAsync(e => e.Name, ct);
        if (await db.Devices.AnyAsync(ct) || entities.Count != names.Count)
        {
            return;
        }

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var accounts = await EntityAccountsAsync(sp, db, plans, entities, now, ct);
        var users = await db.Users.Include(u => u.Agency).Include(u => u.Roles).ToDictionaryAsync(u => u.UserName, ct);
        var clock = new DemoClock();
        var registry = ActivatorUtilities.CreateInstance<DeviceRegistry>(sp, clock);
        var operations = ActivatorUtilities.CreateInstance<DeviceOperations>(sp, registry, clock);
        var records = ActivatorUtilities.CreateInstance<DeviceRecords>(sp, registry, clock);
        var portal = ActivatorUtilities.CreateInstance<PortalDevices>(sp, operations);
        var audit = sp.GetRequiredService<AuditScope>();
        var n = 0;
        foreach (var plan in plans)
        {
            var start = now - InstalledAgo + TimeSpan.FromHours(n++);
            var officer = Caller(users[plan.Officer]);
            var reviewer = Caller(users[plan.Reviewer]);
            var signer = Caller(users[accounts[plan.Entity]]);
            var input = plan.Input with { EntityId = entities[plan.Entity].Id };

            var id = Check(plan, await As(audit, officer, clock, start, () => registry.RegisterAsync(officer, input, ct))).Summary.Id;
            Check(plan, await As(audit, reviewer, clock, start.AddDays(1), () => operations.ReviewAsync(reviewer, id, new NoteInput("设备符合国家标准，安装位置合理。"), ct)));
            var text = Check(plan, await As(audit, signer, clock, start.AddDays(2), () => portal.ConfirmationAsync(signer, id, ct)));
            Check(plan, await As(audit, signer, clock, start.AddDays(2), () => portal.ConfirmAsync(signer, id, new ConfirmInput(text.TextHash, true, DemoData.Password), ct)));
            Check(plan, await As(audit, officer, clock, start.AddDays(3), () => operations.PostNoticeAsync(officer, id, new MemoryStream(NoticePhoto), $"{plan.Entity} {input.Site}", ct)));
            if (EvidenceUsability.NeedsCalibration(input.Type!.Value))
            {
                var issued = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-10);
                var expires = DateOnly.FromDateTime(now.UtcDateTime).AddDays(plan.CalibrationDaysLeft);
                Check(plan, await As(audit, officer, clock, start.AddDays(3), () => records.AddCalibrationAsync(officer, id,
                    new CalibrationInput($"JDZS-{issued:yyyy}-{input.SerialNumber}", "山东省计量科学研究院", issued, expires), ct)));
            }

            Check(plan, await As(audit, officer, clock, start.AddDays(4), () => operations.ActivateAsync(officer, id, ct)));
        }
    }

    /// <summary>Each entity with a device signs its confirmation from its own account; ent.demo already acts for 泉城游泳馆.</summary>
    private static async Task<Dictionary<string, string>> EntityAccountsAsync(
        IServiceProvider sp, TianmuDb db, IReadOnlyList<DemoDevicePlan> plans, Dictionary<string, RegulatedEntity> entities, DateTimeOffset now, CancellationToken ct)
    {
        var hasher = sp.GetRequiredService<IPasswordHasher<User>>();
        var linked = await db.EntityUsers.Join(db.Users, l => l.UserId, u => u.Id, (l, u) => new { l.EntityId, u.UserName }).ToListAsync(ct);
        var accounts = new Dictionary<string, string>();
        foreach (var plan in plans.DistinctBy(p => p.Entity))
        {
            var entity = entities[plan.Entity];
            if (linked.FirstOrDefault(l => l.EntityId == entity.Id) is { } existing)
            {
                accounts[plan.Entity] = existing.UserName;
                continue;
            }

            var user = new User(Guid.CreateVersion7(), plan.EntityAccount, $"{plan.Entity} 管理员", null, now);
            user.SetRoles([Role.EntityUser]);
            user.PasswordHash = hasher.HashPassword(user, DemoData.Password);
            db.Users.Add(user);
            db.EntityUsers.Add(new EntityUser(entity.Id, user.Id));
            accounts[plan.Entity] = plan.EntityAccount;
        }

        await db.SaveChangesAsync(ct);
        return accounts;
    }

    private static CurrentUser Caller(User u) =>
        new(u.Id, u.UserName!, u.DisplayName, u.Roles.Select(r => r.Role).ToHashSet(), u.AgencyId, u.Agency?.Path);

    private static async Task<T> As<T>(AuditScope audit, CurrentUser caller, DemoClock clock, DateTimeOffset at, Func<Task<T>> step)
    {
        audit.Actor = caller.ToActor(null);
        clock.Now = at;
        return await step();
    }

    private static T Check<T>(DemoDevicePlan plan, Tianmu.Common.Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo device {plan.Input.SerialNumber}: {result.Error!.Code} {result.Error.Detail}");

    /// <summary>A small JPEG standing in for the photo of the posted notice.</summary>
    private static readonly byte[] NoticePhoto = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgYGBwYHCEhISEhISckJygoKCcnJycoKCgrKyszMzMrKysoKCsrMDAzMzc5NzQ0MzQ5OTw8PEhIRUVUVFdnZ3z/"
        + "xABtAAEBAQEBAQAAAAAAAAAAAAAABggEBQcBAQEBAQEBAAAAAAAAAAAAAAABBAMCBRAAAgEEAgIDAQAAAAAAAAAAAAMCUpEV0gEREgQxQVEhEQEAAQMFAQEAAAAAAAAAAAAAEQMBYWIU4aESEyH/"
        + "wAARCAA8AFADASIAAhEAAxEA/9oADAMBAAIRAxEAPwD7UAZxMl7w+jTp/Sf2Iw0cDOIOXvDdttXXLRwM4ge8G21dctHAziB7wbbV1y0cDOJo462vLDUp/OP2ZwAEPikVMvHU7MC4BD4pFTLx1GKR"
        + "Uy8dSi4BD4pFTLx1GKRUy8dQLgEPikVMvHUYpFTLx1AuAQ+KRUy8dS4IBD4pFTLx1Lgh8Uipl46lDFIqZeOoxSKmXjqMUipl46jFIqZeOpUMUipl46jFIqZeOoxSKmXjqMUipl46gMUipl46nuev"
        + "6sPW8vDmXPl135dfXf5xx+nh4pFTLx1GKRUy8dQLgHClUUL4hHvnjjv5+f7z39dHceFAAAAAAAAAAAAAH//Z");

    /// <summary>The time the lifecycle steps are recorded at: weeks before today, so recent readings find the device active.</summary>
    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
