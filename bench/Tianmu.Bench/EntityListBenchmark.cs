using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Agencies;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Auth;
using Tianmu.Server.Entities;

namespace Tianmu.Bench;

/// <summary>
/// The entity list over a large register: the same EntityRegister.ListAsync the API and UI call,
/// with a county officer's and a province inspector's jurisdiction, against N entities. The
/// machine's limit is the plain indexed page query on the same database, run in the same process.
/// </summary>
public static class EntityListBenchmark
{
    private const int Rounds = 30;

    public static async Task RunAsync(int count, string provider)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        var settings = database.Settings;
        await new Migrator(settings, NullLogger<Migrator>.Instance).MigrateAsync();
        var factory = new TianmuDbFactory(settings, TimeProvider.System);
        var (county, province) = await SeedAsync(factory, count);
        var protector = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32));
        var officer = new CurrentUser(Guid.NewGuid(), "bench.officer", "基准", new HashSet<Role> { Role.Officer }, county.Id, county.Path);
        var inspector = new CurrentUser(Guid.NewGuid(), "bench.inspector", "基准", new HashSet<Role> { Role.Inspector }, province.Id, province.Path);

        Console.WriteLine($"Entity list over {count:N0} entities on {provider} ({Environment.ProcessorCount} cores); median of {Rounds} runs, ms");
        Console.WriteLine($"{"query",-52} {"median",8} {"p95",8}");
        await Report("machine limit: raw indexed page of 20 (SQL)", () => RawPageAsync(factory));
        await Report("county officer, first page", () => List(factory, protector, officer, new EntityFilter(null, null, null, 1, 20)));
        await Report("province inspector, first page", () => List(factory, protector, inspector, new EntityFilter(null, null, null, 1, 20)));
        await Report("province inspector, category filter", () => List(factory, protector, inspector, new EntityFilter(EntityCategory.DrinkingWater, null, null, 1, 20)));
        await Report("province inspector, name contains '游泳'", () => List(factory, protector, inspector, new EntityFilter(null, null, "游泳", 1, 20)));
        await Report("province inspector, page 2,000", () => List(factory, protector, inspector, new EntityFilter(null, null, null, 2000, 20)));
    }

    private static async Task Report(string name, Func<Task> query)
    {
        await query(); // warm-up: JIT, query compilation, page cache
        var times = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-52} {times[Rounds / 2],8:F2} {times[(int)(Rounds * 0.95)],8:F2}");
    }

    private static async Task List(TianmuDbFactory factory, PersonalDataProtector protector, CurrentUser caller, EntityFilter filter)
    {
        await using var db = factory.CreateDbContext();
        var page = await new EntityRegister(db, protector, TimeProvider.System).ListAsync(caller, filter, default);
        if (page.Items.Count == 0 && page.Total > 0 && filter.Page == 1)
        {
            throw new InvalidOperationException("empty page");
        }
    }

    private static async Task RawPageAsync(TianmuDbFactory factory)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT id, name FROM entities ORDER BY agency_path, name, id LIMIT 20";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task<(Agency County, Agency Province)> SeedAsync(TianmuDbFactory factory, int count)
    {
        var province = new Agency(Guid.CreateVersion7(), null, AgencyLevel.Province, "370000", "山东省卫生健康委员会", "鲁");
        var cities = Enumerable.Range(1, 4).Select(c => new Agency(Guid.CreateVersion7(), province, AgencyLevel.City, $"37{c:D2}00", $"市{c}", $"市{c}")).ToList();
        var counties = cities.SelectMany((city, c) => Enumerable.Range(1, 5).Select(n => new Agency(Guid.CreateVersion7(), city, AgencyLevel.County, $"37{c + 1:D2}{n:D2}", $"县{c}{n}", $"县{c}{n}"))).ToList();
        await using (var db = factory.CreateDbContext())
        {
            db.Agencies.Add(province);
            db.Agencies.AddRange(cities);
            db.Agencies.AddRange(counties);
            await db.SaveChangesAsync();
        }

        var categories = Enum.GetValues<EntityCategory>();
        var names = new[] { "游泳馆", "大酒店", "沐浴中心", "美发店", "供水站", "门诊部", "口腔诊所", "学校", "影像中心", "消毒用品厂" };
        var watch = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(5000))
        {
            await using var db = factory.CreateDbContext();
            db.Agencies.AttachRange(counties); // stored already; without this the new context would insert them again
            foreach (var i in chunk)
            {
                var county = counties[i % counties.Count];
                var category = categories[i % categories.Length];
                var body = $"91{county.DivisionCode}{i:D9}";
                var profile = new EntityProfile($"{county.Name}{names[i % names.Length]}{i:D6}", body + CreditCode.CheckCharacter(body), null, null,
                    category, category.SubCategories()[0], "地址", null, null);
                db.Entities.Add(new RegulatedEntity(Guid.CreateVersion7(), profile, county, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"seeded {count:N0} entities with their audit records in {watch.Elapsed.TotalSeconds:F1} s");
        await using (var db = factory.CreateDbContext())
        {
            await DatabaseMaintenance.OptimizeAsync(db, default); // what the maintenance job does in a running server
        }

        return (counties[0], province);
    }
}
