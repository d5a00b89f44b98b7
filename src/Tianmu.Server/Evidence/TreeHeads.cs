using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Signed tree heads (签名树头): the log's size and root at a moment, signed with this node's key and kept
/// in log_tree_heads for good. Published by <see cref="TreeHeadJob"/> when the log has grown, and on demand.
/// </summary>
public sealed class TreeHeads(IDbContextFactory<TianmuDb> dbs, EvidenceLog evidenceLog, TimestampAuthority tsa, TimeProvider clock)
{
    /// <summary>Signs and stores a head of the whole log; when <paramref name="onlyIfGrown"/>, only if it is larger than the latest head.</summary>
    public async Task<LogTreeHeadRecord?> PublishAsync(bool onlyIfGrown, CancellationToken ct)
    {
        var (size, root) = await evidenceLog.ReadAsync(t => (t.Count, t.Root(t.Count)), ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (onlyIfGrown)
        {
            var latest = await db.LogTreeHeads.MaxAsync(h => (long?)h.TreeSize, ct);
            if (latest is { } latestSize && latestSize >= size)
            {
                return null;
            }
        }

        // Whole milliseconds: the signed message carries Unix milliseconds, and the stored instant must say the same.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var head = new TreeHead(size, root, now, evidenceLog.Hasher.Algorithm);
        var key = evidenceLog.Key;
        var message = head.SigningMessage();
        var record = new LogTreeHeadRecord(new SignedTreeHead(head, key.KeyId, key.Algorithm, key.Sign(message)), await tsa.StampAsync(message, ct));
        db.LogTreeHeads.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<LogTreeHeadRecord?> LatestAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.LogTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
    }
}

/// <summary>Publishes a signed tree head at the configured interval when the log has grown, on the lease holder only.</summary>
public sealed class TreeHeadJob(TreeHeads heads, EvidenceLogOptions options, DatabaseLeases leases, TimeProvider clock, ILogger<TreeHeadJob> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "evidence-log-tree-heads";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.TreeHeadIntervalSeconds);

    protected override TimeSpan FirstDelay => Interval;

    protected override async Task RunAsync(CancellationToken ct)
    {
        if (await heads.PublishAsync(onlyIfGrown: true, ct) is { } head)
        {
            Log.LogInformation("Evidence log tree head published: size {Size}", head.TreeSize);
        }
    }
}
