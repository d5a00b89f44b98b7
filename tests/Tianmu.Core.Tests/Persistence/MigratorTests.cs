using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Persistence;
using Tianmu.Tests.Support;

namespace Tianmu.Tests.Persistence;

/// <summary>The versioned SQL scripts, on the provider under test (test.sh runs SQLite and PostgreSQL).</summary>
public sealed class MigratorTests
{
    [Fact]
    public async Task UpgradesFromThePreviousSchemaVersionKeepingData()
    {
        await using var database = await TestDatabase.CreateAsync();
        var latest = Migrator.LatestVersion(database.Settings.Provider);
        Assert.True(latest >= 2, "an upgrade test needs at least two schema versions");

        Assert.Equal(Enumerable.Range(1, latest - 1), await database.Migrator().MigrateAsync(targetVersion: latest - 1));
        Assert.Equal(latest - 1, await database.Migrator().CurrentVersionAsync());
        var id = Guid.CreateVersion7();
        await using (var db = database.Context())
        {
            // Written with the previous schema; only tables that version has.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO agencies (id, parent_id, level, division_code, name, short_name, path) VALUES ({id}, NULL, 'Province', '330000', '浙江省卫生健康委员会', '浙', '/330000/')");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO entities (id, name, credit_code, category, sub_category, agency_id, address) VALUES ({Guid.CreateVersion7()}, '杭州某游泳馆', NULL, 'PublicPlace', '游泳场所', {id}, '杭州')");
        }

        Assert.Equal([latest], await database.Migrator().MigrateAsync());
        Assert.Equal(latest, await database.Migrator().CurrentVersionAsync());
        await using (var db = database.Context())
        {
            var agency = await db.Agencies.SingleAsync();
            Assert.Equal(id, agency.Id);
            Assert.Equal(AgencyLevel.Province, agency.Level);
            Assert.Equal(0, await db.CalendarYears.CountAsync()); // the new version's tables work
            Assert.Equal("杭州某游泳馆", (await db.Entities.SingleAsync()).Name); // and existing rows were carried over
        }
    }

    [Fact]
    public async Task Migration0006CopiesEachEntitysAgencyPath()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Migrator().MigrateAsync(targetVersion: 5);
        var agency = Guid.CreateVersion7();
        await using (var db = database.Context())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO agencies (id, parent_id, level, division_code, name, short_name, path) VALUES ({agency}, NULL, 'Province', '330000', '浙江省卫生健康委员会', '浙', '/330000/')");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO entities (id, name, credit_code, category, sub_category, agency_id, address) VALUES ({Guid.CreateVersion7()}, '杭州某游泳馆', NULL, 'PublicPlace', '游泳场所', {agency}, '杭州')");
        }

        await database.Migrator().MigrateAsync(targetVersion: 6);
        await using var check = database.Context();
        var path = await check.Database.SqlQueryRaw<string>("SELECT agency_path AS \"Value\" FROM entities").SingleAsync();
        Assert.Equal("/330000/", path);
    }

    [Fact]
    public async Task MigratingTwiceAppliesNothingTheSecondTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.NotEmpty(await database.Migrator().MigrateAsync());
        Assert.Empty(await database.Migrator().MigrateAsync());
    }

    [Fact]
    public async Task ConcurrentMigrationsApplyEachVersionOnce()
    {
        // Nodes starting together race for the schema; repeated because a race shows only sometimes.
        for (var round = 0; round < 5; round++)
        {
            await using var database = await TestDatabase.CreateAsync();
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => database.Migrator().MigrateAsync())));
            Assert.Equal(Migrator.LatestVersion(database.Settings.Provider), runs.Sum(r => r.Count));
        }
    }

    [Fact]
    public void BothProvidersHaveTheSameVersions()
    {
        Assert.Equal(
            Migrator.Scripts(DatabaseProvider.Sqlite).Select(s => (s.Version, s.Name)),
            Migrator.Scripts(DatabaseProvider.Postgres).Select(s => (s.Version, s.Name)));
    }
}
