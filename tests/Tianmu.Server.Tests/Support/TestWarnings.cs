using Microsoft.EntityFrameworkCore;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Tests.Support;

/// <summary>Warnings written straight into the database, as the rule engine on some node would record them.</summary>
public static class TestWarnings
{
    /// <summary>
    /// A pool-water warning raised <paramref name="at"/> (now by default) for an episode that began 40 minutes
    /// before and ended at <paramref name="end"/> (null: continuing).
    /// </summary>
    public static async Task<Guid> RaiseAsync(
        TianmuApp app, string entityName, string summary, string rule = "POOL-TURBIDITY", Guid? device = null, DateTimeOffset? at = null, DateTimeOffset? end = null)
    {
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        var start = (at ?? DateTimeOffset.UtcNow).AddMinutes(-40);
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var warning = new Warning(Guid.CreateVersion7(), new RaisedBy(pack, pack.Rules.Single(r => r.Code == rule)),
            new WarningSubject(device, entity.Id, entity.AgencyId, entity.AgencyPath),
            new Episode(start, start.AddMinutes(15), end, [new Sample(start, 1.8, true), new Sample(start.AddMinutes(15), 1.9, true)], summary),
            at ?? DateTimeOffset.UtcNow);
        db.Warnings.Add(warning);
        await db.SaveChangesAsync();
        return warning.Id;
    }
}
