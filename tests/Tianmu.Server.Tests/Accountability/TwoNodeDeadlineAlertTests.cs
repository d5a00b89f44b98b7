using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Accountability;
using Tianmu.Server.Accountability;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Accountability.TestDuties;

namespace Tianmu.Server.Tests.Accountability;

/// <summary>Two nodes on one database running the alert job at the same moment send each escalation once.</summary>
public sealed class TwoNodeDeadlineAlertTests : TwoNodes
{
    [Fact]
    public async Task TwoNodesRunningAtOnceEscalateAnOverdueFilingOnce()
    {
        var overdue = await CaseAsync(A, "两节点：逾期未立案", Today.AddDays(-60));

        await Task.WhenAll(RunAsync(A), RunAsync(B), RunAsync(A), RunAsync(B));

        await using var db = A.Db();
        var alert = Assert.Single(await db.CaseDeadlineAlerts.AsNoTracking().Where(a => a.CaseId == overdue).ToListAsync());
        Assert.Equal(AlertStage.Escalated, alert.Stage);
        var messages = await db.Notifications.AsNoTracking().Where(n => n.Source.StartsWith($"case:{overdue}:")).ToListAsync();
        Assert.Equal(await A.UserIdAsync("lx.head"), Assert.Single(messages).RecipientUserId);
    }

    private static async Task RunAsync(TianmuApp node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadlineAlerts>().RunAsync(default);
    }
}
