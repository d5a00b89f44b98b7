using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Auth;
using Tianmu.Server.SelfReports;

namespace Tianmu.Server.Demo;

/// <summary>
/// The demo self-report form the simulator's pools fill in every morning (Tianmu:DemoDevices): the
/// provincial pool-water item's daily self-test, defined by sd.admin through the same service as the
/// API. It lives with the demo devices, not the plain demo, because its reports are the other half of
/// the sensor cross-check the simulator stages; tests on the plain demo keep a form-free tree.
/// </summary>
public static class DemoSelfReports
{
    public const string FormName = "游泳场所开放前水质自检日报";

    private const string CatalogCode = "鲁-GGCS-001";

    /// <summary>Reports are due from a week back, so the simulator has past days to back-fill and skip.</summary>
    private const int EffectiveDaysAgo = 7;

    private static readonly FormField[] Fields =
    [
        new("free_chlorine", "游离性余氯", FieldType.Number, "mg/L", 0, 20, true, "free_chlorine"),
        new("ph", "pH", FieldType.Number, null, 0, 14, true, "ph"),
        new("turbidity", "浑浊度", FieldType.Number, "NTU", 0, 20, true, "turbidity"),
        new("water_temperature", "水温", FieldType.Number, "℃", 0, 50, true, null),
        new("disinfected", "已按规定投加消毒剂", FieldType.YesNo, null, null, null, true, null),
    ];

    /// <summary>Creates the form once: when the demo catalog is there and no form of that name exists yet.</summary>
    public static async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TianmuDb>();
        var item = await db.CatalogItems.FirstOrDefaultAsync(i => i.Code == CatalogCode, ct);
        var admin = await db.Users.Include(u => u.Agency).Include(u => u.Roles).FirstOrDefaultAsync(u => u.UserName == "sd.admin", ct);
        if (item is null || admin is null || await db.SelfReportForms.AnyAsync(f => f.Name == FormName, ct))
        {
            return;
        }

        var caller = new CurrentUser(admin.Id, admin.UserName!, admin.DisplayName, admin.Roles.Select(r => r.Role).ToHashSet(), admin.AgencyId, admin.Agency?.Path);
        sp.GetRequiredService<AuditScope>().Actor = caller.ToActor(null);
        var today = sp.GetRequiredService<TimeProvider>().Today();
        var created = await sp.GetRequiredService<SelfReportForms>().CreateAsync(caller, new FormInput(
            item.Id, FormName, ["PublicPlace"], ["游泳场所"], Fields, [], nameof(ReportFrequency.Daily), new TimeOnly(9, 0), null, true, today.AddDays(-EffectiveDaysAgo)), ct);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException($"Demo self-report form: {created.Error!.Code} {created.Error.Detail}");
        }
    }
}
