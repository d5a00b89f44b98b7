using Microsoft.AspNetCore.Identity;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;

namespace Tianmu.Server.Auth;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(string access_token, string token_type, int expires_in);

    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, string[] Roles, string[] RoleNames, Guid? AgencyId);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("认证");
        auth.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("以用户名和密码换取访问令牌").ProducesProblem(401).ProducesValidationProblem();
        auth.MapPost("/revoke", Revoke).RequireAuthorization(Authz.AnyUser).WithSummary("注销当前访问令牌");
        api.MapGet("/me", Me).RequireAuthorization(Authz.AnyUser).WithTags("认证").WithSummary("当前用户");
    }

    private static async Task<IResult> IssueToken(
        TokenRequest request, HttpContext http, UserManager<User> users, SignInManager<User> signIn, ApiTokens tokens, AuditScope audit, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("username", request.Username, "用户名").Required("password", request.Password, "密码");
        if (errors.Any)
        {
            return errors.ToError().ToProblem();
        }

        var user = await users.FindByNameAsync(request.Username!);
        if (user is null || !user.IsActive)
        {
            return InvalidCredentials;
        }

        var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return TypedResults.Problem("连续登录失败次数过多，账户已临时锁定，请 15 分钟后再试。", statusCode: 401, title: Problems.TitleFor(401),
                extensions: new Dictionary<string, object?> { [Problems.CodeKey] = "account_locked" });
        }

        if (!check.Succeeded)
        {
            return InvalidCredentials;
        }

        // The caller was anonymous until now; the trail records the token as issued to and by this user.
        audit.Actor = new AuditActor(user.Id, user.UserName, user.Agency?.Path, http.TraceIdentifier);
        audit.Action = "auth.token_issued";
        var (token, expiresIn) = await tokens.IssueAsync(user, ct);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    private static IResult InvalidCredentials => TypedResults.Problem("用户名或密码不正确。", statusCode: 401, title: Problems.TitleFor(401),
        extensions: new Dictionary<string, object?> { [Problems.CodeKey] = "invalid_credentials" });

    private static async Task<IResult> Revoke(HttpContext http, ApiTokens tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(ApiTokenHandler.TokenOf(http.Request)!, ct);
        return TypedResults.NoContent();
    }

    private static MeResponse Me(HttpContext http)
    {
        var me = http.Caller();
        return new MeResponse(me.Id, me.UserName, me.DisplayName, [.. me.Roles.Select(r => r.ToString())], [.. me.Roles.Select(r => r.ToChinese())], me.AgencyId);
    }
}
