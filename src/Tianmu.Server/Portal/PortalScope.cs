using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Portal;

/// <summary>
/// What a party's user may see: rows of the entities their account is bound to (行政相对人 ↔ 监管对象), never
/// another's. Every portal query starts from here, so the isolation rule lives in one place.
/// </summary>
public static class PortalScope
{
    /// <summary>The ids of the entities <paramref name="caller"/> acts for, as a subquery.</summary>
    public static IQueryable<Guid> EntityIdsOf(this TianmuDb db, CurrentUser caller) =>
        db.EntityUsers.Where(l => l.UserId == caller.Id).Select(l => l.EntityId);
}
