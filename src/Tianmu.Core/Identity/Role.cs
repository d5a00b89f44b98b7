namespace Tianmu.Identity;

/// <summary>The roles of the platform (BRIEF "Who uses it"). Stored by name.</summary>
public enum Role
{
    /// <summary>系统管理员</summary>
    Administrator,

    /// <summary>执法人员</summary>
    Officer,

    /// <summary>法制审核员</summary>
    LegalReviewer,

    /// <summary>负责人</summary>
    Head,

    /// <summary>行政相对人 — a regulated entity's own user.</summary>
    EntityUser,

    /// <summary>督查 — read-only auditor.</summary>
    Inspector,
}

public static class Roles
{
    public static readonly IReadOnlyList<Role> All = Enum.GetValues<Role>();

    /// <summary>Roles held by agency staff, who act inside an agency's jurisdiction.</summary>
    public static readonly IReadOnlyList<Role> Staff = [Role.Administrator, Role.Officer, Role.LegalReviewer, Role.Head, Role.Inspector];

    public static string ToChinese(this Role role) => role switch
    {
        Role.Administrator => "系统管理员",
        Role.Officer => "执法人员",
        Role.LegalReviewer => "法制审核员",
        Role.Head => "负责人",
        Role.EntityUser => "行政相对人",
        Role.Inspector => "督查",
        _ => role.ToString(),
    };

    /// <summary>Enforcement roles must carry an enforcement credential number (行政处罚法 art. 42).</summary>
    public static bool NeedsCredential(this Role role) => role is Role.Officer or Role.Head;
}
