using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tianmu.Identity;

namespace Tianmu.Server.Auth;

/// <summary>
/// How long a signed-in browser session lasts. Staff keep the 8-hour sliding cookie (a working day at the desk).
/// A party's session (行政相对人) ends after <see cref="PartyIdle"/> without a request: portal accounts are used on
/// shared office computers, and the portal signs confirmations and statements for the entity. Every session,
/// however active, ends <see cref="Absolute"/> after sign-in, so a stolen cookie cannot be kept alive for ever.
/// </summary>
/// <remarks>
/// The expiry is checked on the server from the ticket inside the (encrypted) cookie, not by the browser. A party's
/// cookie is re-issued on every request, so the idle time is exact rather than the framework's "renew after half".
/// </remarks>
public static class SessionLifetime
{
    public static readonly TimeSpan PartyIdle = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>Sign-in time, kept in the ticket across renewals (a renewal resets the ticket's own issue time).</summary>
    private const string SignedInAt = "tianmu.signed_in_at";

    public static void Apply(CookieAuthenticationOptions o)
    {
        var validateStamp = o.Events.OnValidatePrincipal;
        o.Events.OnSigningIn = context =>
        {
            var now = Now(context.Options);
            context.Properties.Items[SignedInAt] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (IsParty(context.Principal))
            {
                context.Properties.IssuedUtc = now;
                context.Properties.ExpiresUtc = now + PartyIdle;
            }

            return Task.CompletedTask;
        };
        o.Events.OnCheckSlidingExpiration = context =>
        {
            context.ShouldRenew |= IsParty(context.Principal);
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = async context =>
        {
            if (!context.Properties.Items.TryGetValue(SignedInAt, out var at) || !long.TryParse(at, out var seconds)
                || Now(context.Options) - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validateStamp(context);
        };
    }

    private static bool IsParty(System.Security.Claims.ClaimsPrincipal? principal) => principal?.IsInRole(nameof(Role.EntityUser)) == true;

    private static DateTimeOffset Now(CookieAuthenticationOptions o) => (o.TimeProvider ?? TimeProvider.System).GetUtcNow();
}
