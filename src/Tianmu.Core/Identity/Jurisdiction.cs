using Tianmu.Agencies;
using Tianmu.Entities;

namespace Tianmu.Identity;

/// <summary>
/// What a signed-in user may see: the subtree of their agency (a province officer sees its cities
/// and counties), everything for a platform administrator, nothing of agency data for an entity user.
/// Every query of jurisdiction-bound data goes through one of these filters.
/// </summary>
public sealed record Jurisdiction(string? AgencyPath, bool Everything)
{
    public static readonly Jurisdiction None = new(null, false);

    public static readonly Jurisdiction Platform = new(null, true);

    public bool Covers(string? path) => Everything || (AgencyPath is not null && path is not null && path.StartsWith(AgencyPath, StringComparison.Ordinal));
}

public static class JurisdictionFilters
{
    public static IQueryable<Agency> In(this IQueryable<Agency> agencies, Jurisdiction j) =>
        j.Everything ? agencies : j.AgencyPath is null ? agencies.Where(_ => false) : agencies.Where(a => a.Path.StartsWith(j.AgencyPath));

    public static IQueryable<User> In(this IQueryable<User> users, Jurisdiction j) =>
        j.Everything ? users : j.AgencyPath is null ? users.Where(_ => false) : users.Where(u => u.Agency != null && u.Agency.Path.StartsWith(j.AgencyPath));

    public static IQueryable<RegulatedEntity> EntitiesIn(this Persistence.TianmuDb db, Jurisdiction j) => db.Entities.In(j);

    /// <summary>
    /// Entities of the jurisdiction as a range on the copied agency path (<c>agency_path &gt;= '/37/' AND
    /// agency_path &lt; '/370'</c>): with the (agency_path, name, id) index any jurisdiction pages without a sort.
    /// </summary>
    public static IQueryable<RegulatedEntity> In(this IQueryable<RegulatedEntity> entities, Jurisdiction j)
    {
        if (j.Everything)
        {
            return entities;
        }

        if (j.AgencyPath is not { } from)
        {
            return entities.Where(_ => false);
        }

        // Paths are digits and '/', and end in '/'; the next character after '/' is '0', so this is the end of the subtree.
        var to = from[..^1] + "0";
        return entities.Where(e => string.Compare(e.AgencyPath, from) >= 0 && string.Compare(e.AgencyPath, to) < 0);
    }
}
