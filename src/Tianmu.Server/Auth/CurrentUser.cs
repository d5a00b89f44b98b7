using System.Security.Claims;
using Tianmu.Audit;
using Tianmu.Identity;

namespace Tianmu.Server.Auth;

/// <summary>The signed-in user as the claims describe them; the source of jurisdiction and audit identity.</summary>
public sealed record CurrentUser(Guid Id, string UserName, string DisplayName, IReadOnlySet<Role> Roles, Guid? AgencyId, string? AgencyPath)
{
    public const string AgencyIdClaim = "tianmu:agency_id";
    public const string AgencyPathClaim = "tianmu:agency_path";
    public const string DisplayNameClaim = "tianmu:display_name";
    public const string AgencyNameClaim = "tianmu:agency_name";

    public bool IsPlatformAdministrator => AgencyId is null && Roles.Contains(Role.Administrator);

    public Jurisdiction Jurisdiction => IsPlatformAdministrator
        ? Jurisdiction.Platform
        : AgencyPath is null ? Jurisdiction.None : new Jurisdiction(AgencyPath, false);

    public bool Has(Role role) => Roles.Contains(role);

    public AuditActor ToActor(string? requestId) => new(Id, UserName, AgencyPath, requestId);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null).OfType<Role>().ToHashSet();
        var agency = Guid.TryParse(principal.FindFirstValue(AgencyIdClaim), out var a) ? a : (Guid?)null;
        return new CurrentUser(id, principal.Identity.Name ?? "", principal.FindFirstValue(DisplayNameClaim) ?? "", roles, agency, principal.FindFirstValue(AgencyPathClaim));
    }

    public static IEnumerable<Claim> ClaimsOf(User user)
    {
        yield return new Claim(DisplayNameClaim, user.DisplayName);
        if (user.Agency is not null)
        {
            yield return new Claim(AgencyIdClaim, user.Agency.Id.ToString());
            yield return new Claim(AgencyPathClaim, user.Agency.Path);
            yield return new Claim(AgencyNameClaim, user.Agency.Name);
        }

        foreach (var role in user.Roles)
        {
            yield return new Claim(ClaimTypes.Role, role.Role.ToString());
        }
    }
}

public static class CurrentUserAccess
{
    /// <summary>The caller; endpoints behind RequireAuthorization always have one.</summary>
    public static CurrentUser Caller(this HttpContext http) =>
        CurrentUser.From(http.User) ?? throw new InvalidOperationException("Endpoint reached without an authenticated user.");
}
