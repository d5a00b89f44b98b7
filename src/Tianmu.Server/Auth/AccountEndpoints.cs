using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Tianmu.Server.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out for the web UI (a POST with the antiforgery token, so no page can log a user out by a link).</summary>
    public static void MapAccountEndpoints(this WebApplication app) =>
        app.MapPost("/logout", async ([FromForm] string? returnUrl, HttpContext http) =>
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return TypedResults.LocalRedirect("/login");
            })
            .RequireAuthorization(Authz.AnyUser)
            .ExcludeFromDescription();
}
