using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Audit;
using Tianmu.Identity;
using Tianmu.Tests.Support;

namespace Tianmu.Tests.Audit;

/// <summary>The audit trail: written with the change in one transaction, and append-only down to the database.</summary>
public sealed class AuditTrailTests
{
    private static readonly AuditActor Officer = new(Guid.CreateVersion7(), "jn.admin", "/370000/370100/", "req-42");

    private static Agency Province(string code = "370000") => new(Guid.CreateVersion7(), null, AgencyLevel.Province, code, "山东省卫生健康委员会", "鲁");

    [Fact]
    public async Task ChangeAndItsRecordAreSavedTogether()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var agency = Province();
        await using (var db = database.Context(new AuditScope { Actor = Officer }))
        {
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        await using var check = database.Context();
        var record = await check.AuditRecords.SingleAsync();
        Assert.Equal("agency.created", record.Action);
        Assert.Equal("agency", record.EntityType);
        Assert.Equal(agency.Id.ToString(), record.EntityId);
        Assert.Equal("jn.admin", record.ActorName);
        Assert.Equal("req-42", record.RequestId);
        Assert.Equal("/370000/370100/", record.AgencyPath);
        var changes = JsonDocument.Parse(record.Changes).RootElement;
        Assert.Equal("山东省卫生健康委员会", changes.GetProperty("name")[1].GetString());
    }

    [Fact]
    public async Task UpdatesRecordBeforeAndAfterOfChangedFieldsOnly()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var agency = Province();
        await using (var db = database.Context())
        {
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        await using (var db = database.Context(new AuditScope { Actor = Officer, Action = "agency.renamed" }))
        {
            (await db.Agencies.SingleAsync()).Rename("山东省卫生健康委", "鲁");
            await db.SaveChangesAsync();
        }

        await using var check = database.Context();
        var record = await check.AuditRecords.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("agency.renamed", record.Action);
        var changes = JsonDocument.Parse(record.Changes).RootElement;
        Assert.Equal(["name"], changes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("山东省卫生健康委员会", changes.GetProperty("name")[0].GetString());
        Assert.Equal("山东省卫生健康委", changes.GetProperty("name")[1].GetString());
    }

    [Fact]
    public async Task AFailedChangeLeavesNoRecord()
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using (var db = database.Context())
        {
            db.Agencies.Add(Province());
            await db.SaveChangesAsync();
        }

        await using (var db = database.Context(new AuditScope { Actor = Officer }))
        {
            db.Agencies.Add(Province()); // same division code: unique index refuses it
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = database.Context();
        Assert.Equal(1, await check.Agencies.CountAsync());
        Assert.Equal(1, await check.AuditRecords.CountAsync());
    }

    [Fact]
    public async Task ARolledBackTransactionTakesItsRecordsWithIt()
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using (var db = database.Context(new AuditScope { Actor = Officer }))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Agencies.Add(Province());
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await using var check = database.Context();
        Assert.Equal(0, await check.Agencies.CountAsync());
        Assert.Equal(0, await check.AuditRecords.CountAsync());
    }

    [Fact]
    public async Task SecretsAreRedacted()
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using (var db = database.Context())
        {
            var user = new User(Guid.CreateVersion7(), "x.officer", "张三", null, DateTimeOffset.UtcNow) { PasswordHash = "AQAAAAIAAYagAAAAEsecret" };
            user.UpdateProfile("张三", "37010001", "v1:Q2lwaGVyVGV4dA");
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using var check = database.Context();
        var record = await check.AuditRecords.SingleAsync(a => a.EntityType == "user");
        Assert.DoesNotContain("secret", record.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Q2lwaGVyVGV4dA", record.Changes, StringComparison.Ordinal);
        Assert.Equal("***", JsonDocument.Parse(record.Changes).RootElement.GetProperty("password_hash")[1].GetString());
    }

    [Fact]
    public async Task TheApplicationCannotEditOrDeleteARecord()
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using (var db = database.Context())
        {
            db.Agencies.Add(Province());
            await db.SaveChangesAsync();
        }

        await using var edit = database.Context();
        var record = await edit.AuditRecords.SingleAsync();
        edit.Entry(record).Property(r => r.ActorName).CurrentValue = "someone else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => edit.SaveChangesAsync());

        await using var delete = database.Context();
        delete.AuditRecords.Remove(await delete.AuditRecords.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => delete.SaveChangesAsync());
    }

    /// <summary>UPDATE and DELETE everywhere; TRUNCATE where the provider has it (PostgreSQL).</summary>
    public static TheoryData<string> Tampering()
    {
        var data = new TheoryData<string> { "UPDATE audit_records SET actor_name = 'x'", "DELETE FROM audit_records" };
        if (TestDatabase.ProviderUnderTest == Tianmu.Persistence.DatabaseProvider.Postgres)
        {
            data.Add("TRUNCATE audit_records");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TheDatabaseRefusesToEditOrDeleteARecord(string sql)
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using (var db = database.Context())
        {
            db.Agencies.Add(Province());
            await db.SaveChangesAsync();
        }

        await using var raw = database.Context();
        var error = await Assert.ThrowsAnyAsync<DbException>(() => raw.Database.ExecuteSqlRawAsync(sql));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("system", (await raw.AuditRecords.SingleAsync()).ActorName);
        Assert.Equal(1, await raw.AuditRecords.CountAsync());
    }
}
