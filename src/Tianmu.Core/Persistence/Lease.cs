namespace Tianmu.Persistence;

/// <summary>
/// A named, expiring claim on a piece of background work. Several server nodes may share one
/// database; whoever holds the lease does the work, so nothing is done twice.
/// </summary>
public sealed class Lease
{
    private Lease() { }

    public Lease(string name, string holder, DateTimeOffset expiresAt)
    {
        Name = name;
        Holder = holder;
        ExpiresAt = expiresAt;
    }

    public string Name { get; private set; } = "";

    public string Holder { get; private set; } = "";

    public DateTimeOffset ExpiresAt { get; private set; }
}

/// <summary>An ASP.NET Data Protection key ring entry, kept in the database so every node shares cookies.</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}
