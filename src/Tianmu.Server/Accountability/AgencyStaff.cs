using Microsoft.EntityFrameworkCore;
using Tianmu.Accountability;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Identity;
using Tianmu.Persistence;

namespace Tianmu.Server.Accountability;

/// <summary>The active staff of some agencies by role, and the investigators of some cases: who is responsible for what.</summary>
public sealed class AgencyStaff
{
    private readonly Dictionary<Guid, List<(DutyPerson Person, IReadOnlyCollection<Role> Roles)>> byAgency;
    private readonly ILookup<Guid, DutyPerson> investigators;

    private AgencyStaff(Dictionary<Guid, List<(DutyPerson, IReadOnlyCollection<Role>)>> byAgency, ILookup<Guid, DutyPerson> investigators) =>
        (this.byAgency, this.investigators) = (byAgency, investigators);

    public static async Task<AgencyStaff> LoadAsync(TianmuDb db, IReadOnlyCollection<Guid> agencyIds, IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.IsActive && u.AgencyId != null && agencyIds.Contains(u.AgencyId.Value))
            .OrderBy(u => u.DisplayName).ToListAsync(ct);
        var byAgency = users.GroupBy(u => u.AgencyId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(u => (new DutyPerson(u.Id, u.DisplayName), (IReadOnlyCollection<Role>)[.. u.Roles.Select(r => r.Role)])).ToList());
        var members = caseIds.Count == 0
            ? []
            : await db.CaseMembers.AsNoTracking().Where(m => caseIds.Contains(m.CaseId) && m.Role == CaseMemberRole.Investigator).ToListAsync(ct);
        return new AgencyStaff(byAgency, members.ToLookup(m => m.CaseId, m => new DutyPerson(m.UserId, m.DisplayName)));
    }

    public IReadOnlyList<DutyPerson> InRole(Guid agencyId, Role role) =>
        byAgency.TryGetValue(agencyId, out var list) ? [.. list.Where(x => x.Roles.Contains(role)).Select(x => x.Person)] : [];

    public IReadOnlyList<DutyPerson> Investigators(Guid caseId) => [.. investigators[caseId]];

    /// <summary>
    /// Who answers for a running deadline: the step's roles (<see cref="ProcedureRules.Steps"/>) — the case's
    /// investigators when officers take the step (the agency's officers while none is assigned), else the agency's
    /// heads or legal reviewers.
    /// </summary>
    public IReadOnlyList<DutyPerson> Responsible(Case c, DeadlineKind kind)
    {
        var roles = ProcedureRules.Step(DeadlineDuties.StepOf(kind)).Roles;
        if (roles.Contains(Role.Officer))
        {
            var assigned = Investigators(c.Id);
            return assigned.Count > 0 ? assigned : InRole(c.AgencyId, Role.Officer);
        }

        return [.. roles.Where(r => r is Role.Head or Role.LegalReviewer).SelectMany(r => InRole(c.AgencyId, r)).DistinctBy(p => p.Id)];
    }
}
