using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

/// <summary>
/// This node's view of the evidence log: the Merkle tree of every committed leaf, kept in memory. Other
/// nodes append too, so before answering it reads the leaves past its own count (the database is the
/// truth; leaves commit in whole batches with consecutive indexes, so what it reads has no gaps).
/// </summary>
public sealed class EvidenceLog(IDbContextFactory<TianmuDb> dbs, EvidenceLogOptions options, TianmuSettings settings, TimeProvider clock, ILogger<EvidenceLog> log)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private MerkleTree tree = new(options.Hasher);
    private LogSigningKey? key;

    public LogHasher Hasher => options.Hasher;

    /// <summary>This node's signing key (loaded by <see cref="OpenAsync"/>).</summary>
    public LogSigningKey Key => key ?? throw new InvalidOperationException("the evidence log is not open");

    public string KeyFile => Path.Combine(settings.DataDir, "keys", "evidence-log.key");

    /// <summary>
    /// At start-up: fixes or checks the log's hash algorithm (it cannot change once there are leaves),
    /// loads or creates the key file and registers its public key, and loads the tree.
    /// </summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        await CheckHashAlgorithmAsync(ct);
        key = LoadKey();
        await RegisterKeyAsync(key, ct);
        await gate.WaitAsync(ct);
        try
        {
            tree = new MerkleTree(options.Hasher);
            await CatchUpLockedAsync(ct);
        }
        finally
        {
            gate.Release();
        }

        log.LogInformation("Evidence log open: {Leaves} leaves, hash {Hash}, key {KeyId} ({Algorithm})", tree.Count, options.Hash, key.KeyId, options.Signature);
    }

    /// <summary>Runs <paramref name="read"/> on the tree brought up to date with the database.</summary>
    public async Task<T> ReadAsync<T>(Func<MerkleTree, T> read, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await CatchUpLockedAsync(ct);
            return read(tree);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Adds leaves this node has just committed, when they follow on directly (else the next read catches up).</summary>
    public async Task AppendedAsync(long firstIndex, IReadOnlyList<byte[]> leafHashes, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (tree.Count == firstIndex)
            {
                foreach (var hash in leafHashes)
                {
                    tree.Append(hash);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task CatchUpLockedAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var from = tree.Count;
        var leaves = db.LogLeaves.AsNoTracking().Where(l => l.LeafIndex >= from).OrderBy(l => l.LeafIndex)
            .Select(l => new { l.LeafIndex, l.LeafHash }).AsAsyncEnumerable();
        await foreach (var leaf in leaves.WithCancellation(ct))
        {
            if (leaf.LeafIndex != tree.Count)
            {
                // Cannot happen while batches commit whole; stop at the gap rather than build a wrong tree.
                log.LogError("Evidence log leaf {Index} follows {Count} leaves; stopping catch-up at the gap", leaf.LeafIndex, tree.Count);
                break;
            }

            tree.Append(leaf.LeafHash);
        }
    }

    private async Task CheckHashAlgorithmAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var parameters = await db.LogParameters.SingleOrDefaultAsync(ct);
        if (parameters is null)
        {
            db.LogParameters.Add(new LogParameters(options.Hash, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                parameters = await db.LogParameters.SingleAsync(ct); // another node created the log first
            }
        }

        if (parameters.HashAlgorithm == options.Hash)
        {
            return;
        }

        var leaves = await db.LogLeaves.LongCountAsync(ct);
        if (leaves > 0)
        {
            throw new ConfigurationProblem(
                $"证据日志已用 {parameters.HashAlgorithm} 算法写入 {leaves} 个叶子，哈希算法不能再改为 {options.Hash}；请将 Tianmu:EvidenceLog:Hash 恢复为 {parameters.HashAlgorithm}。");
        }

        parameters.HashAlgorithm = options.Hash; // an empty log may still choose
        await db.SaveChangesAsync(ct);
    }

    private LogSigningKey LoadKey()
    {
        LogSigningKey loaded;
        try
        {
            loaded = LogSigningKey.LoadOrCreate(KeyFile, options.SignatureAlgorithm);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException or InvalidCastException)
        {
            throw new ConfigurationProblem($"证据日志密钥文件 {KeyFile} 无法读取或格式不对（{e.GetType().Name}）；请按运维手册恢复或轮换密钥。");
        }

        if (loaded.Algorithm != options.SignatureAlgorithm)
        {
            throw new ConfigurationProblem(
                $"证据日志密钥文件 {KeyFile} 是 {LogSignatures.Name(loaded.Algorithm)} 密钥，与配置 Tianmu:EvidenceLog:Signature={options.Signature} 不符；更换签名算法须按运维手册轮换密钥。");
        }

        return loaded;
    }

    /// <summary>A key not seen before is this deployment's new key: earlier keys are retired (kept, so their heads still verify).</summary>
    private async Task RegisterKeyAsync(LogSigningKey signing, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var known = await db.LogKeys.SingleOrDefaultAsync(k => k.KeyId == signing.KeyId, ct);
        if (known is not null)
        {
            if (known.RetiredAt is not null)
            {
                log.LogWarning("This node signs evidence-log tree heads with retired key {KeyId}; replace its key file with the current one", signing.KeyId);
            }

            return;
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Never this key itself: a node starting at the same moment with the same key file must not retire it.
        await db.LogKeys.Where(k => k.RetiredAt == null && k.KeyId != signing.KeyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
        db.LogKeys.Add(new LogKey(signing.KeyId, LogSignatures.Name(signing.Algorithm), signing.PublicKey, now));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Evidence-log key {KeyId} registered; earlier keys retired", signing.KeyId);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // another node with the same key file registered it first
        }
    }
}
