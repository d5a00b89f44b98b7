namespace Tianmu.Evidence.Log;

/// <summary>
/// A row waiting for the log, written by a database trigger in the transaction that inserted the row it
/// names. <see cref="MissingSince"/>: the source could not find the row when the appender asked; the
/// entry stays (it is never dropped) and is asked for again a minute later.
/// </summary>
public sealed class LogQueueEntry
{
    private LogQueueEntry() { }

    public LogQueueEntry(string kind, string @ref, DateTimeOffset queuedAt)
    {
        Kind = kind;
        Ref = @ref;
        QueuedAt = queuedAt;
    }

    public long Id { get; private set; }

    public string Kind { get; private set; } = "";

    public string Ref { get; private set; } = "";

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset? MissingSince { get; set; }
}

/// <summary>One leaf of the log: leaf <see cref="LeafIndex"/> is HASH(0x00 || canonical bytes of (kind, ref)). Append-only in the database.</summary>
public sealed class LogLeaf
{
    private LogLeaf() { }

    public LogLeaf(long leafIndex, string kind, string @ref, byte[] leafHash, DateTimeOffset appendedAt)
    {
        LeafIndex = leafIndex;
        Kind = kind;
        Ref = @ref;
        LeafHash = leafHash;
        AppendedAt = appendedAt;
    }

    public long LeafIndex { get; private set; }

    public string Kind { get; private set; } = "";

    public string Ref { get; private set; } = "";

    public byte[] LeafHash { get; private set; } = [];

    public DateTimeOffset AppendedAt { get; private set; }
}

/// <summary>A published, signed tree head (签名树头). Append-only in the database.</summary>
public sealed class LogTreeHeadRecord
{
    private LogTreeHeadRecord() { }

    public LogTreeHeadRecord(SignedTreeHead signed, byte[]? timestampToken)
    {
        TreeSize = signed.Head.Size;
        RootHash = signed.Head.RootHash;
        IssuedAt = signed.Head.Timestamp;
        HashAlgorithm = LogHasher.For(signed.Head.HashAlgorithm).Name;
        KeyId = signed.KeyId;
        SignatureAlgorithm = LogSignatures.Name(signed.SignatureAlgorithm);
        Signature = signed.Signature;
        TimestampToken = timestampToken;
    }

    public long Id { get; private set; }

    public long TreeSize { get; private set; }

    public byte[] RootHash { get; private set; } = [];

    /// <summary>The head's timestamp, whole milliseconds (what is signed).</summary>
    public DateTimeOffset IssuedAt { get; private set; }

    public string HashAlgorithm { get; private set; } = "";

    public string KeyId { get; private set; } = "";

    public string SignatureAlgorithm { get; private set; } = "";

    public byte[] Signature { get; private set; } = [];

    /// <summary>RFC 3161 time-stamp token (DER) over the signing message, when a TSA is configured.</summary>
    public byte[]? TimestampToken { get; private set; }

    public SignedTreeHead ToSigned() => new(
        new TreeHead(TreeSize, RootHash, IssuedAt, LogHasher.ForName(HashAlgorithm)!.Algorithm),
        KeyId,
        LogSignatures.ForName(SignatureAlgorithm)!.Value,
        Signature);
}

/// <summary>A tree-head signing key's public half (SPKI DER). Retired keys stay so old heads still verify.</summary>
public sealed class LogKey
{
    private LogKey() { }

    public LogKey(string keyId, string algorithm, byte[] publicKey, DateTimeOffset createdAt)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        PublicKey = publicKey;
        CreatedAt = createdAt;
    }

    public string KeyId { get; private set; } = "";

    public string Algorithm { get; private set; } = "";

    public byte[] PublicKey { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>The log's one fixed parameter: its hash algorithm, chosen when the log was created.</summary>
public sealed class LogParameters
{
    private LogParameters() { }

    public LogParameters(string hashAlgorithm, DateTimeOffset createdAt)
    {
        HashAlgorithm = hashAlgorithm;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; } = 1;

    public string HashAlgorithm { get; set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
}
