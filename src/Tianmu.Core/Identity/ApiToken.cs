namespace Tianmu.Identity;

/// <summary>
/// An opaque bearer token for API clients. Only its SHA-256 hash is stored, so a database dump
/// yields no usable token; rows can be revoked at once, which a self-contained JWT cannot offer.
/// </summary>
public sealed class ApiToken : IAudited
{
    private ApiToken() { }

    public ApiToken(Guid id, string tokenHash, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        TokenHash = tokenHash;
        UserId = userId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    [AuditRedacted]
    public string TokenHash { get; private set; } = "";

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
