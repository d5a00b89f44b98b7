using Tianmu.Cases;
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

    /// <summary>
    /// The cases of the caller's entities that concern the party: filed (立案) or decided on the spot. A case only
    /// accepted, refused filing (不予立案) or transferred (移送, possibly to the police) is the agency's internal
    /// matter — the party learns of it from the documents served on it, not from the portal.
    /// </summary>
    public static IQueryable<Case> CasesOf(this TianmuDb db, CurrentUser caller)
    {
        var entities = db.EntityIdsOf(caller);
        return db.Cases.Where(c => entities.Contains(c.EntityId) && (c.FiledOn != null || c.DecidedOn != null)
            && c.Stage != CaseStage.NotFiled && c.Stage != CaseStage.Transferred);
    }
}
