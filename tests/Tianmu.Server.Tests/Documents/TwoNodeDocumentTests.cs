using Microsoft.EntityFrameworkCore;
using Tianmu.Documents;
using Tianmu.Server.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Documents;

/// <summary>Two server nodes on one database issuing the same series at once: one counter, no gap, no duplicate.</summary>
public sealed class TwoNodeDocumentTests : TwoNodes
{
    [Fact]
    public async Task TwoNodesIssuingTheSameSeriesShareOneGaplessCounter()
    {
        var a = await A.ClientForAsync("lx.officer1");
        var b = await B.ClientForAsync("lx.officer2");
        var pool = await A.EntityIdAsync(TestDocuments.Pool);
        var drafts = new List<DocumentView>();
        for (var i = 0; i < 12; i++)
        {
            drafts.Add(await TestDocuments.DraftAsync(i % 2 == 0 ? a : b, DocumentType.PenaltyDecision, pool, TestDocuments.PenaltyFields()));
        }

        // Each draft is issued on both nodes at the same moment.
        var issued = await Task.WhenAll(drafts.SelectMany(d => new[] { TestDocuments.IssueAsync(a, d.Id), TestDocuments.IssueAsync(b, d.Id) }));
        Assert.Equal(Enumerable.Range(1, 12), issued.DistinctBy(d => d.Id).Select(d => d.Serial!.Value).Order());
        Assert.All(issued.GroupBy(d => d.Id), g => Assert.Single(g.Select(d => (d.Number, d.PdfSha256)).Distinct()));

        await using var db = A.Db();
        var numbers = await db.Documents.AsNoTracking().Where(d => d.Type == DocumentType.PenaltyDecision).Select(d => d.Number).ToListAsync();
        Assert.Equal(12, numbers.Distinct().Count());
        Assert.Equal(12, await db.Database.SqlQueryRaw<int>("SELECT last_serial AS \"Value\" FROM document_counters WHERE type = 'PenaltyDecision'").SingleAsync());
    }
}
