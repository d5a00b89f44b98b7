using Microsoft.EntityFrameworkCore;
using static Tianmu.Server.Tests.Evidence.LogSteps;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>A queued ref whose row cannot be found is never dropped and never holds up the rows behind it.</summary>
public sealed class MissingRowTests(LogApp app) : IClassFixture<LogApp>
{
    [Fact]
    public async Task AQueuedRefWithoutItsRowStaysQueuedAndTheRestIsAppended()
    {
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO log_queue (kind, ref) VALUES ('audit', '999999999'), ('unknown-kind', 'x')");
        }

        var ids = await AddAuditRecordsAsync(app, 5);
        for (var i = 0; i < 200; i++)
        {
            await using var db = app.Db();
            var leaves = await db.LogLeaves.Where(l => l.Kind == "audit").Select(l => l.Ref).ToListAsync();
            if (ids.All(id => leaves.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                break;
            }

            await Task.Delay(50);
        }

        await using (var db = app.Db())
        {
            var logged = await db.LogLeaves.Where(l => l.Kind == "audit").Select(l => l.Ref).ToListAsync();
            Assert.All(ids, id => Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), logged));
            var stuck = await db.LogQueue.Where(q => q.Ref == "999999999" || q.Kind == "unknown-kind").OrderBy(q => q.Id).ToListAsync();
            Assert.Equal([("audit", "999999999"), ("unknown-kind", "x")], stuck.Select(q => (q.Kind, q.Ref)));
            Assert.All(stuck, q => Assert.NotNull(q.MissingSince));
            Assert.False(await db.LogLeaves.AnyAsync(l => l.Ref == "999999999" || l.Kind == "unknown-kind"));
        }
    }
}
