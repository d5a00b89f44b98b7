using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence.Log;
using Tianmu.Server.Evidence;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Evidence.LogSteps;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>Two nodes appending to one log at the same time, while audit records keep arriving.</summary>
public sealed class TwoNodeLogTests : TwoNodes
{
    [Fact]
    public async Task ConcurrentAppendersLeaveNoDuplicateOrMissingIndex()
    {
        using var stop = new CancellationTokenSource();
        // Each node's own job runs too; these loops add appenders that ignore the lease, the worst case.
        async Task Append(TianmuApp node)
        {
            var appender = node.Services.GetRequiredService<LogAppender>();
            while (!stop.IsCancellationRequested)
            {
                await appender.DrainAsync(CancellationToken.None);
                await Task.Delay(5);
            }
        }

        var appenders = new[] { Append(A), Append(B), Append(A), Append(B) };
        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            for (var i = 0; i < 15; i++)
            {
                await AddAuditRecordsAsync(w % 2 == 0 ? A : B, 20, $"test.writer{w}");
            }
        }).ToArray();
        await Task.WhenAll(writers);
        await WaitForEmptyQueueAsync(A);
        await stop.CancelAsync();
        await Task.WhenAll(appenders);

        await using var db = A.Db();
        var audits = await db.AuditRecords.Select(a => a.Id.ToString()).ToListAsync();
        var leaves = await db.LogLeaves.OrderBy(l => l.LeafIndex).ToListAsync();
        Assert.Equal(Enumerable.Range(0, leaves.Count).Select(i => (long)i), leaves.Select(l => l.LeafIndex)); // 0..n-1, no gap
        Assert.Equal(leaves.Count, leaves.Select(l => (l.Kind, l.Ref)).Distinct().Count()); // no row twice
        Assert.Equal(audits.Order(), leaves.Where(l => l.Kind == "audit").Select(l => l.Ref).Order()); // every record once

        // Both nodes' trees agree with a tree built from the stored leaves.
        var expected = new MerkleTree(LogHasher.Sha256);
        leaves.ForEach(l => expected.Append(l.LeafHash));
        var size = leaves.Count;
        Assert.Equal(expected.Root(size), await A.Services.GetRequiredService<EvidenceLog>().ReadAsync(t => t.Root(size), CancellationToken.None));
        Assert.Equal(expected.Root(size), await B.Services.GetRequiredService<EvidenceLog>().ReadAsync(t => t.Root(size), CancellationToken.None));
    }
}
