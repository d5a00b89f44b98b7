using Tianmu.Agencies;

namespace Tianmu.Identity;

/// <summary>A person who signs in: agency staff or an entity's user.</summary>
public sealed class User : IAudited
{
    private readonly List<UserRole> roles = [];

    private User() { }

    public User(Guid id, string userName, string displayName, Agency? agency, DateTimeOffset createdAt)
    {
        Id = id;
        UserName = userName;
        NormalizedUserName = Normalize(userName);
        DisplayName = displayName;
        AgencyId = agency?.Id;
        Agency = agency;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The agency whose jurisdiction the user acts in; null for platform administrators and entity users.</summary>
    public Guid? AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    /// <summary>执法证号 — enforcement credential number, required for officers and heads (art. 42).</summary>
    public string? CredentialNumber { get; private set; }

    /// <summary>Mobile number, encrypted at rest by <see cref="Security.PersonalDataProtector"/>; never stored or logged in clear.</summary>
    [AuditRedacted]
    public string? PhoneCipher { get; private set; }

    /// <summary>法律职业资格证书编号 — required of a first-time legal reviewer (行政处罚法 art. 58 ¶2).</summary>
    public string? LegalQualification { get; private set; }

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    [AuditRedacted]
    public string? PasswordHash { get; set; }

    [AuditRedacted]
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    [AuditRedacted]
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset? LockoutEnd { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public int AccessFailedCount { get; set; }

    public IReadOnlyCollection<UserRole> Roles => roles;

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public bool HasRole(Role role) => roles.Any(r => r.Role == role);

    public void UpdateProfile(string displayName, string? credentialNumber, string? phoneCipher)
    {
        DisplayName = displayName;
        CredentialNumber = string.IsNullOrWhiteSpace(credentialNumber) ? null : credentialNumber.Trim();
        PhoneCipher = phoneCipher;
    }

    public void SetLegalQualification(string? number) => LegalQualification = string.IsNullOrWhiteSpace(number) ? null : number.Trim();

    public void SetRoles(IEnumerable<Role> wanted)
    {
        var set = wanted.Distinct().ToHashSet();
        roles.RemoveAll(r => !set.Contains(r.Role));
        foreach (var role in set.Where(r => !HasRole(r)))
        {
            roles.Add(new UserRole(Id, role));
        }
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

public sealed class UserRole : IAudited
{
    private UserRole() { }

    public UserRole(Guid userId, Role role)
    {
        UserId = userId;
        Role = role;
    }

    public Guid UserId { get; private set; }

    public Role Role { get; private set; }
}
