using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Entities;
using Tianmu.Persistence;
using Tianmu.Tests.Support;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Tests.Warnings;

/// <summary>
/// At most one open warning per rule and subject, enforced by the database itself, so two server
/// nodes evaluating the same readings cannot both raise one.
/// </summary>
public sealed class OpenWarningTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ASecondOpenWarningForTheSameRuleAndDeviceIsRefusedButOneAfterClosingIsNot()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var subject = await SubjectAsync(database);
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        var raisedBy = new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-FCL-LOW"));
        var episode = new Episode(Start, Start.AddMinutes(15), null, [new Sample(Start, 0.1, true)], "游离性余氯 0.10 mg/L 低于下限 0.3 mg/L");

        await using (var db = database.Context())
        {
            db.Warnings.Add(new Warning(Guid.CreateVersion7(), raisedBy, subject, episode, Start.AddMinutes(15)));
            await db.SaveChangesAsync();
        }

        await using (var other = database.Context()) // another node, the same episode
        {
            other.Warnings.Add(new Warning(Guid.CreateVersion7(), raisedBy, subject, episode, Start.AddMinutes(16)));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
            Assert.True(error.IsUniqueViolation());
        }

        await using (var db = database.Context())
        {
            var open = await db.Warnings.SingleAsync();
            Assert.True(open.Apply(WarningAction.SignFor, "test", Start.AddHours(1)));
            Assert.True(open.Apply(WarningAction.StartChecking, "test", Start.AddHours(1)));
            Assert.True(open.Apply(WarningAction.DismissAsFalseAlarm, "test", Start.AddHours(1), "探头维护期间取样"));
            Assert.False(open.IsOpen);
            db.Warnings.Add(new Warning(Guid.CreateVersion7(), raisedBy, subject, episode with { Start = Start.AddHours(3) }, Start.AddHours(3)));
            await db.SaveChangesAsync();
            Assert.Equal(2, await db.Warnings.CountAsync());
        }
    }

    private static async Task<WarningSubject> SubjectAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var agency = new Agency(Guid.CreateVersion7(), null, AgencyLevel.Province, "370000", "山东省卫生健康委员会", "山东省");
        var entity = new RegulatedEntity(Guid.CreateVersion7(), new EntityProfile("泉城游泳馆", null, null, null, EntityCategory.PublicPlace, "游泳场所", "泉城路", null, null), agency, Start);
        db.Agencies.Add(agency);
        db.Entities.Add(entity);
        await db.SaveChangesAsync();
        return new WarningSubject(null, entity.Id, agency.Id, agency.Path);
    }
}
