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
        var retryBefore = clock.GetUtcNow() - MissingRetry;
        if (!await db.LogQueue.AnyAsync(q => q.MissingSince == null || q.MissingSince < retryBefore, ct))
        {
            return 0; // a plain read: an idle poll takes no write lock
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }

        var now = clock.GetUtcNow();
        var rows = await db.LogQueue.AsNoTracking().Where(q => q.MissingSince == null || q.MissingSince < retryBefore)
            .OrderBy(q => q.Id).Take(options.BatchSize).Select(q => new Queued(q.Id, q.Kind, q.Ref)).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        // Rows already in the log (queued twice): one join over the batch's id range, on the unique (kind, ref) index.
        long low = rows[0].Id, high = rows[^1].Id;
        var logged = (await db.LogQueue.Where(q => q.Id >= low && q.Id <= high)
                .Join(db.LogLeaves, q => new { q.Kind, q.Ref }, l => new { l.Kind, l.Ref }, (q, l) => new { q.Kind, q.Ref })
                .ToListAsync(ct))
            .Select(x => (x.Kind, x.Ref)).ToHashSet();
        var data = new Dictionary<(string Kind, string Ref), byte[]>();
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            if (byKind.TryGetValue(group.Key, out var source))
            {
                foreach (var (reference, bytes) in await source.LeafDataAsync(db, [.. group.Select(r => r.Ref).Distinct()], ct))
                {
                    data[(group.Key, reference)] = bytes;
                }
            }
        }

        var first = (await db.LogLeaves.MaxAsync(l => (long?)l.LeafIndex, ct) ?? -1) + 1;
        var leaves = new List<LogLeaf>();
        var settled = new List<long>();
        var missing = new List<long>();
        foreach (var row in rows)
        {
            var key = (row.Kind, row.Ref);
            if (logged.Contains(key))
            {
                settled.Add(row.Id); // queued twice, or already in the log: one leaf is enough
            }
            else if (data.TryGetValue(key, out var bytes))
            {
                leaves.Add(new LogLeaf(first + leaves.Count, row.Kind, row.Ref, options.Hasher.HashLeaf(bytes), now));
                logged.Add(key);
                settled.Add(row.Id);
            }
            else
            {
                // Never dropped and never skipped silently: the row stays queued and is reported each retry.
                log.LogWarning("Evidence log: queued {Kind} {Ref} (queue id {Id}) has no row or no leaf source; left queued, retried in a minute", row.Kind, row.Ref, row.Id);
                missing.Add(row.Id);
            }
        }

        await LeafWriter.InsertAsync(db, leaves, ct);
        foreach (var chunk in settled.Chunk(1000))
        {
            await db.LogQueue.Where(q => chunk.Contains(q.Id)).ExecuteDeleteAsync(ct);
        }

        foreach (var chunk in missing.Chunk(1000))
        {
            await db.LogQueue.Where(q => chunk.Contains(q.Id)).ExecuteUpdateAsync(s => s.SetProperty(q => q.MissingSince, now), ct);
        }

        await tx.CommitAsync(ct);
        await evidenceLog.AppendedAsync(first, [.. leaves.Select(l => l.LeafHash)], ct);
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

internal sealed record Queued(long Id, string Kind, string Ref);

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
