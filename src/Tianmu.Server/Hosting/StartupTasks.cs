using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tianmu.Calendar;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Calendar;
using Tianmu.Server.Demo;

namespace Tianmu.Server.Hosting;

/// <summary>
/// What happens once at start-up, in order: migrate the schema, load shipped calendar years that are
/// missing, open the evidence log (its hash algorithm checked, its key loaded or created), create the bootstrap administrator on an empty database, load demo data (and demo devices with the self-report form their pools fill in) when asked.
/// Each step is safe when several nodes start together (unique keys decide who wins).
/// </summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, TianmuSettings settings, CancellationToken ct = default)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync(ct: ct);
        await services.GetRequiredService<Evidence.EvidenceLog>().OpenAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tianmu.Startup");
        await Idempotent(log, "calendar", () => LoadShippedCalendarAsync(sp, ct));
        await Idempotent(log, "bootstrap", () => BootstrapAdminAsync(sp, settings.AdminPassword, ct));
        if (settings.SeedDemo)
        {
            await Idempotent(log, "demo", () => DemoData.SeedAsync(sp, ct));
        }

        if (settings.SeedDemoDevices)
        {
            await Idempotent(log, "demo devices", () => DemoDevices.SeedAsync(sp, ct));
            await Idempotent(log, "demo self-report form", () => DemoSelfReports.SeedAsync(sp, ct));
            await Idempotent(log, "demo credit grades", () => sp.GetRequiredService<Credit.CreditGrading>().GradeDemoAsync(ct));
        }
    }

    private static async Task Idempotent(ILogger log, string step, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            log.LogInformation("Start-up step {Step} was done by another node", step);
        }
    }

    internal static async Task LoadShippedCalendarAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TianmuDb>();
        var loaded = await db.CalendarYears.AsNoTracking().ToDictionaryAsync(y => y.Year, y => y.Provisional, ct);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var year in YearArrangement.Shipped().Where(y => !loaded.ContainsKey(y.Year)))
        {
            db.CalendarYears.Add(new CalendarYear(year.Year, year.Source, year.Provisional, now));
            db.CalendarDays.AddRange(year.Days());
        }

        await db.SaveChangesAsync(ct);

        // A release shipping the State Council's notice for a year loaded provisionally replaces it; an
        // arrangement an administrator loaded (never provisional) is never overwritten by shipped data.
        foreach (var year in YearArrangement.Shipped().Where(y => !y.Provisional && loaded.GetValueOrDefault(y.Year)))
        {
            await CalendarService.ReplaceAsync(db, year, now, ct);
        }
    }

    private static async Task BootstrapAdminAsync(IServiceProvider sp, string? configuredPassword, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TianmuDb>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        var password = configuredPassword ?? GeneratePassword();
        var admin = new User(Guid.CreateVersion7(), "admin", "平台管理员", null, sp.GetRequiredService<TimeProvider>().GetUtcNow());
        admin.SetRoles([Role.Administrator]);
        var result = await sp.GetRequiredService<UserManager<User>>().CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new ConfigurationProblem("Tianmu:Bootstrap:AdminPassword 不符合密码规则：" + string.Join("；", result.Errors.Select(e => e.Description)));
        }

        // Printed once, to the console only: it is not a log event and never reaches the log files.
        Console.WriteLine(configuredPassword is null
            ? $"已创建平台管理员 admin，初始密码（仅显示这一次）：{password}"
            : "已创建平台管理员 admin，密码为配置项 Tianmu:Bootstrap:AdminPassword 的值。");
    }

    private static string GeneratePassword() =>
        "Tm-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "9a";
}
