using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Moves queued rows into the log: one transaction takes a batch of queue rows in id order, asks each
/// kind's <see cref="ILogLeafSource"/> for their leaf data, inserts the leaves with the next consecutive
/// indexes and deletes the queue rows. Once it commits the leaves are durable. Appenders on several nodes
/// are serialized (SQLite's write lock; an advisory lock on PostgreSQL), and the leaf index key and the
/// unique (kind, ref) stop any duplicate regardless.
/// </summary>
public sealed class LogAppender(
    IDbContextFactory<TianmuDb> dbs, IEnumerable<ILogLeafSource> sources, EvidenceLog evidenceLog, EvidenceLogOptions options, TimeProvider clock, ILogger<LogAppender> log)
{
    private const long AdvisoryLockKey = 0x746D6C6F67; // "tmlog"

    /// <summary>A row whose source could not find it is asked for again after this long.</summary>
    public static readonly TimeSpan MissingRetry = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, ILogLeafSource> byKind = sources.ToDictionary(s => s.Kind);

    /// <summary>Appends one batch; returns how many queue rows it settled (leaves added or already logged).</summary>
    public async Task<int> AppendBatchAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }

        var now = clock.GetUtcNow();
        var retryBefore = now - MissingRetry;
        var rows = await db.LogQueue.Where(q => q.MissingSince == null || q.MissingSince < retryBefore)
            .OrderBy(q => q.Id).Take(options.BatchSize).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        var data = new Dictionary<(string Kind, string Ref), byte[]>();
        var logged = new HashSet<(string Kind, string Ref)>();
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            var refs = group.Select(r => r.Ref).Distinct().ToList();
            foreach (var chunk in refs.Chunk(1000))
            {
                var kind = group.Key;
                var already = await db.LogLeaves.Where(l => l.Kind == kind && chunk.Contains(l.Ref)).Select(l => l.Ref).ToListAsync(ct);
                logged.UnionWith(already.Select(r => (kind, r)));
            }

            if (byKind.TryGetValue(group.Key, out var source))
            {
                foreach (var (reference, bytes) in await source.LeafDataAsync(db, refs, ct))
                {
                    data[(group.Key, reference)] = bytes;
                }
            }
        }

        var next = (await db.LogLeaves.MaxAsync(l => (long?)l.LeafIndex, ct) ?? -1) + 1;
        var first = next;
        var hashes = new List<byte[]>();
        var settled = new List<long>();
        foreach (var row in rows)
        {
            var key = (row.Kind, row.Ref);
            if (logged.Contains(key))
            {
                settled.Add(row.Id); // queued twice, or already in the log: one leaf is enough
            }
            else if (data.TryGetValue(key, out var bytes))
            {
                var hash = options.Hasher.HashLeaf(bytes);
                db.LogLeaves.Add(new LogLeaf(next++, row.Kind, row.Ref, hash, now));
                hashes.Add(hash);
                logged.Add(key);
                settled.Add(row.Id);
            }
            else
            {
                // Never dropped and never skipped silently: the row stays queued and is reported each retry.
                log.LogWarning("Evidence log: queued {Kind} {Ref} (queue id {Id}) has no row or no leaf source; left queued, retried in a minute", row.Kind, row.Ref, row.Id);
                row.MissingSince = now;
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var chunk in settled.Chunk(1000))
        {
            await db.LogQueue.Where(q => chunk.Contains(q.Id)).ExecuteDeleteAsync(ct);
        }

        await tx.CommitAsync(ct);
        await evidenceLog.AppendedAsync(first, hashes, ct);
        return settled.Count;
    }

    /// <summary>Appends batches until the queue has nothing ready; returns the rows settled.</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        var conflicts = 0;
        while (true)
        {
            int settled;
            try
            {
                settled = await AppendBatchAsync(ct);
            }
            catch (Exception e) when (e is DbUpdateException or PostgresException && conflicts++ < 3)
            {
                continue; // another appender got in first (a lapsed lease): take the queue as it now is
            }

            total += settled;
            if (settled < options.BatchSize)
            {
                return total;
            }
        }
    }
}

/// <summary>The appender on the node holding the lease: drains the queue, then looks again after a short poll.</summary>
public sealed class LogAppenderJob(LogAppender appender, EvidenceLogOptions options, DatabaseLeases leases, TimeProvider clock, ILogger<LogAppenderJob> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "evidence-log-appender";

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.AppendPollMilliseconds);

    protected override async Task RunAsync(CancellationToken ct)
    {
        var settled = await appender.DrainAsync(ct);
        if (settled > 0)
        {
            Log.LogDebug("Evidence log appended {Count} queued rows", settled);
        }
    }
}
