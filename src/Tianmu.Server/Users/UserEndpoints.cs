using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Users;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/users").WithTags("用户").RequireAuthorization(Authz.Overseers);
        read.MapGet("/", async ([AsParameters] UserFilter filter, HttpContext http, UserAdmin users, CancellationToken ct) =>
            TypedResults.Ok(await users.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的用户（分页）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, UserAdmin users, CancellationToken ct) =>
            (await users.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("用户详情");

        var write = api.MapGroup("/users").WithTags("用户").RequireAuthorization(Authz.Administrators);
        write.MapPost("/", async (UserInput input, HttpContext http, UserAdmin users, CancellationToken ct) =>
            (await users.CreateAsync(http.Caller(), input, ct)).ToCreated(u => $"/api/v1/users/{u.Id}")).WithSummary("新建用户");
        write.MapPut("/{id:guid}", async (Guid id, UserInput input, HttpContext http, UserAdmin users, CancellationToken ct) =>
            (await users.UpdateAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("修改用户资料、角色、启停");
        write.MapPost("/{id:guid}/password", async (Guid id, PasswordInput input, HttpContext http, UserAdmin users, CancellationToken ct) =>
            (await users.ResetPasswordAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("重置密码并解除锁定");
    }
}
