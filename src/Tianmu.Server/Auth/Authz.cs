using Microsoft.AspNetCore.Authorization;
using Tianmu.Identity;

namespace Tianmu.Server.Auth;

/// <summary>Authorization requirements as code: which roles may call what.</summary>
public static class Authz
{
    public static AuthorizationPolicy Roles(params Role[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())).Build();

    /// <summary>Any agency staff role (everyone but entity users).</summary>
    public static AuthorizationPolicy Staff => Roles([.. Tianmu.Identity.Roles.Staff]);

    public static AuthorizationPolicy Administrators => Roles(Role.Administrator);

    /// <summary>Who may browse users and the audit trail: administrators, heads and inspectors (督查).</summary>
    public static AuthorizationPolicy Overseers => Roles(Role.Administrator, Role.Head, Role.Inspector);

    public static AuthorizationPolicy AnyUser => new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
