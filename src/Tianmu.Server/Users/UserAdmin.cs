using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Users;

public sealed record UserView(
    Guid Id, string UserName, string DisplayName, Guid? AgencyId, string? AgencyName, string[] Roles, string[] RoleNames,
    string? CredentialNumber, string Phone, bool IsActive, bool LockedOut, string? LegalQualification = null);

public sealed record UserInput(
    string? UserName, string? DisplayName, Guid? AgencyId, string[]? Roles, string? CredentialNumber, string? Phone, string? Password, bool? IsActive, string? LegalQualification = null);

public sealed record UserFilter(Guid? AgencyId, string? Role, string? Q, int? Page, int? PageSize);

public sealed record PasswordInput(string? Password);

/// <summary>User administration, shared by the API and the web UI. Every lookup is jurisdiction-scoped.</summary>
public sealed partial class UserAdmin(TianmuDb db, UserManager<User> users, PersonalDataProtector protector, AuditScope audit, TimeProvider clock)
{
    public async Task<Paged<UserView>> ListAsync(CurrentUser caller, UserFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller);
        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(u => u.AgencyId == agencyId);
        }

        if (Enum.TryParse<Role>(filter.Role, out var role))
        {
            query = query.Where(u => u.Roles.Any(r => r.Role == role));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(u => u.UserName.Contains(q) || u.DisplayName.Contains(q));
        }

        var page = await query.OrderBy(u => u.Agency!.Path).ThenBy(u => u.UserName).PageAsync(filter.Page, filter.PageSize, ct);
        return page.Map(View);
    }

    public async Task<Result<UserView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).FirstOrDefaultAsync(u => u.Id == id, ct) is { } user ? View(user) : Error.NotFound("用户");

    public async Task<Result<UserView>> CreateAsync(CurrentUser caller, UserInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("userName", input.UserName, "用户名", 50).Required("password", input.Password, "密码", 100);
        if (!string.IsNullOrWhiteSpace(input.UserName) && !UserNamePattern().IsMatch(input.UserName))
        {
            errors.Add("userName", "用户名只能包含字母、数字、点、下划线和连字符。");
        }

        var (roles, agency) = await ValidateProfileAsync(caller, input, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await db.Users.AnyAsync(u => u.NormalizedUserName == User.Normalize(input.UserName!), ct))
        {
            return Error.Conflict("user_name_taken", $"用户名 {input.UserName} 已被使用。");
        }

        var user = new User(Guid.CreateVersion7(), input.UserName!.Trim(), input.DisplayName!.Trim(), agency, clock.GetUtcNow());
        user.UpdateProfile(input.DisplayName!.Trim(), input.CredentialNumber, protector.Protect(input.Phone?.Trim()));
        user.SetLegalQualification(input.LegalQualification);
        user.SetRoles(roles);
        var created = await users.CreateAsync(user, input.Password!);
        return created.Succeeded ? View(user) : PasswordErrors(created);
    }

    public async Task<Result<UserView>> UpdateAsync(CurrentUser caller, Guid id, UserInput input, CancellationToken ct)
    {
        var user = await Scoped(caller).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("用户");
        }

        // Fields left out (null) keep their values; an empty phone clears it.
        input = input with
        {
            AgencyId = user.AgencyId,
            DisplayName = input.DisplayName ?? user.DisplayName,
            CredentialNumber = input.CredentialNumber ?? user.CredentialNumber,
            Roles = input.Roles ?? [.. user.Roles.Select(r => r.Role.ToString())],
        };
        var errors = new FieldErrors();
        var (roles, _) = await ValidateProfileAsync(caller, input, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (user.Id == caller.Id && (input.IsActive == false || !roles.Contains(Role.Administrator) && caller.Has(Role.Administrator)))
        {
            return Error.Unprocessable("cannot_demote_self", "不能停用自己或撤销自己的系统管理员角色，以免无人可以管理本机构。");
        }

        var phone = input.Phone is null ? user.PhoneCipher : protector.Protect(input.Phone.Trim());
        user.UpdateProfile(input.DisplayName!.Trim(), input.CredentialNumber, phone);
        user.SetLegalQualification(input.LegalQualification ?? user.LegalQualification);
        user.SetRoles(roles);
        if (input.IsActive is { } active)
        {
            if (active)
            {
                user.Activate();
            }
            else
            {
                user.Deactivate();
            }
        }

        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? View(user) : Error.Conflict("concurrent_update", "该用户已被他人修改，请刷新后重试。");
    }

    public async Task<Result<UserView>> ResetPasswordAsync(CurrentUser caller, Guid id, PasswordInput input, CancellationToken ct)
    {
        var user = await Scoped(caller).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("用户");
        }

        if (string.IsNullOrWhiteSpace(input.Password))
        {
            return Error.Validation("password", "请填写新密码。");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, input.Password);
            if (!check.Succeeded)
            {
                return PasswordErrors(check);
            }
        }

        audit.Action = "user.password_reset";
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        foreach (var token in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct))
        {
            token.Revoke(clock.GetUtcNow()); // API clients must sign in again with the new password
        }

        await users.UpdateSecurityStampAsync(user); // ends cookie sessions too; saves everything above
        return View(user);
    }

    private IQueryable<User> Scoped(CurrentUser caller) =>
        db.Users.In(caller.Jurisdiction).Include(u => u.Roles).Include(u => u.Agency);

    private async Task<(List<Role> Roles, Tianmu.Agencies.Agency? Agency)> ValidateProfileAsync(CurrentUser caller, UserInput input, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("displayName", input.DisplayName, "姓名", 50);
        var roles = new List<Role>();
        foreach (var name in input.Roles ?? [])
        {
            if (Enum.TryParse<Role>(name, out var role) && Enum.IsDefined(role))
            {
                roles.Add(role);
            }
            else
            {
                errors.Add("roles", $"未知角色“{name}”。");
            }
        }

        if (roles.Count == 0)
        {
            errors.Add("roles", "请至少选择一个角色。");
        }

        if (roles.Contains(Role.EntityUser) && roles.Count > 1)
        {
            errors.Add("roles", "行政相对人角色不能与机构人员角色同时授予。");
        }

        if (roles.Any(r => r.NeedsCredential()) && string.IsNullOrWhiteSpace(input.CredentialNumber))
        {
            errors.Add("credentialNumber", "执法人员和负责人须填写执法证号（《行政处罚法》第四十二条）。");
        }

        if (!string.IsNullOrWhiteSpace(input.Phone) && !MobilePattern().IsMatch(input.Phone.Trim()))
        {
            errors.Add("phone", "手机号须为 11 位数字，以 1 开头。");
        }

        Tianmu.Agencies.Agency? agency = null;
        if (input.AgencyId is { } agencyId)
        {
            agency = await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == agencyId, ct);
            if (agency is null)
            {
                errors.Add("agencyId", "所属机构不存在或不在您的管辖范围内。");
            }
        }
        else if (roles.Any(r => r != Role.EntityUser) && !(caller.IsPlatformAdministrator && roles.All(r => r == Role.Administrator)))
        {
            errors.Add("agencyId", "机构人员须选择所属机构。");
        }

        return (roles, agency);
    }

    private UserView View(User u) => new(
        u.Id, u.UserName, u.DisplayName, u.AgencyId, u.Agency?.Name,
        [.. u.Roles.Select(r => r.Role.ToString())], [.. u.Roles.Select(r => r.Role.ToChinese())],
        u.CredentialNumber, Mask.Phone(protector.Unprotect(u.PhoneCipher)), u.IsActive,
        u.LockoutEnd is { } end && end > clock.GetUtcNow(), u.LegalQualification);

    private static Error PasswordErrors(IdentityResult result) =>
        Error.Validation(new Dictionary<string, string[]> { ["password"] = [.. result.Errors.Select(e => e.Description)] });

    [GeneratedRegex(@"^[A-Za-z0-9._-]{2,50}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex MobilePattern();
}
