using Microsoft.AspNetCore.Identity;
using Tianmu.Common;
using Tianmu.Identity;

namespace Tianmu.Server.Auth;

/// <summary>
/// Sensitive actions of a party (signing a confirmation, contesting a warning, paying) are taken only after the
/// signed-in user types their password again: a session left open on a shared computer cannot sign for the
/// entity. A wrong password counts towards the account's lockout like a failed login.
/// </summary>
/// <remarks>Codes: <c>validation_failed</c> on field <c>password</c> when none is given; <c>auth.reconfirm_failed</c>
/// (403) for a wrong password; <c>account_locked</c> (403) once the account is locked.</remarks>
public sealed class Reconfirmation(UserManager<User> users)
{
    public async Task<Error?> CheckAsync(CurrentUser caller, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Error.Validation("password", "请输入登录密码以确认本次操作。");
        }

        ct.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(caller.Id.ToString());
        if (user is null || !user.IsActive)
        {
            return Error.Forbidden("auth.reconfirm_failed", "账户已停用，操作未执行。");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Error.Forbidden("account_locked", "连续输错密码次数过多，账户已临时锁定，请 15 分钟后再试。");
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }

        await users.AccessFailedAsync(user);
        return Error.Forbidden("auth.reconfirm_failed", "密码不正确，操作未执行。");
    }
}
