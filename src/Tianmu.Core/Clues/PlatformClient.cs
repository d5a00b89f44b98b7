namespace Tianmu.Clues;

/// <summary>
/// A system allowed to push clues into one agency's jurisdiction — the provincial administrative
/// enforcement platform (省行政执法平台, Z8). It signs each request with its secret like a device does;
/// the secret is shown once and kept encrypted, because the server must check signatures with it.
/// </summary>
public sealed class PlatformClient : IAudited
{
    private PlatformClient() { }

    public PlatformClient(Guid id, Guid agencyId, string agencyPath, string name, string secretCipher, DateTimeOffset createdAt)
    {
        Id = id;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Name = name;
        SecretCipher = secretCipher;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>Clues may only be routed inside this agency's subtree.</summary>
    public string AgencyPath { get; private set; } = "";

    public string Name { get; private set; } = "";

    [AuditRedacted]
    public string SecretCipher { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
