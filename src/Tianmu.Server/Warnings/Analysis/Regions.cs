using Microsoft.EntityFrameworkCore;
using Tianmu.Identity;
using Tianmu.Persistence;

namespace Tianmu.Server.Warnings.Analysis;

/// <summary>
/// The regions an analysis is broken down by: the agencies one level below the caller's (a province
/// sees its cities, a city its counties; the platform sees the provinces), each taking in its whole
/// subtree; what happens at the caller's own agency is that agency's own row.
/// </summary>
public sealed class Regions
{
    private readonly string root;
    private readonly Dictionary<string, (string Name, string DivisionCode)> byPath;

    private Regions(string root, Dictionary<string, (string, string)> byPath)
    {
        this.root = root;
        this.byPath = byPath;
    }

    public static async Task<Regions> ForAsync(TianmuDb db, Jurisdiction jurisdiction, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().In(jurisdiction).Select(a => new { a.Path, a.Name, a.DivisionCode }).ToListAsync(ct);
        return new Regions(jurisdiction.Everything ? "/" : jurisdiction.AgencyPath ?? "/", agencies.ToDictionary(a => a.Path, a => (a.Name, a.DivisionCode), StringComparer.Ordinal));
    }

    /// <summary>The region (name, division code) of an agency path inside the jurisdiction.</summary>
    public (string Name, string DivisionCode) Of(string agencyPath)
    {
        var path = agencyPath;
        if (agencyPath.Length > root.Length && agencyPath.StartsWith(root, StringComparison.Ordinal))
        {
            var next = agencyPath.IndexOf('/', root.Length);
            path = next < 0 ? agencyPath : agencyPath[..(next + 1)];
        }

        return byPath.TryGetValue(path, out var region) ? region : byPath.TryGetValue(agencyPath, out var own) ? own : ("（未知机构）", "");
    }
}
