using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tianmu.Identity;

namespace Tianmu.Server.Auth;

/// <summary>Adds roles and the agency (jurisdiction) to the cookie principal.</summary>
public sealed class ClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(CurrentUser.ClaimsOf(user));
        return identity;
    }
}
