using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>Two server nodes on one database, both delivering to one SMTP server: each e-mail goes out exactly once.</summary>
public sealed class TwoNodeMailTests : TwoNodes
{
    private LocalSmtpServer smtp = default!;

    protected override IReadOnlyDictionary<string, string> NodeSettings => MailApp.Settings(smtp.Port);

    public override async Task InitializeAsync()
    {
        smtp = await LocalSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesRacingOverTheOutboxDeliverEachEmailExactlyOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await TestMail.QueueAsync(i % 2 == 0 ? A : B, "济南奥体游泳健身有限公司", $"user{i}@example.cn", body: $"两节点发送测试第 {i} 封"));
        }

        // Besides both nodes' own jobs, two workers per node race for the same rows.
        await TestMail.RaceAsync([A, B, A, B], ids);

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var mail = Assert.Single(smtp.For(id));
            Assert.Equal([$"user{i}@example.cn"], mail.RcptTos);
            Assert.StartsWith($"两节点发送测试第 {i} 封", mail.Body, StringComparison.Ordinal);
        }

        await using (var db = A.Db())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync();
            Assert.Equal(30, rows.Count);
            Assert.All(rows, n => Assert.Equal((NotificationStatus.Sent, 1, (Guid?)null), (n.Status, n.Attempts, n.ClaimToken)));
        }

        await Task.Delay(1000); // nothing is sent again later
        Assert.Equal(30, smtp.Received().Count);
    }
}
