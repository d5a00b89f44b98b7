using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Payments;

/// <summary>
/// Issues the payment notices of newly served decisions (so the party is told without having to look), and forgets
/// callback nonces older than twice the timestamp window: a request that old is refused by its timestamp anyway.
/// </summary>
public sealed class PaymentNoticeJob(IServiceScopeFactory scopes, DatabaseLeases leases, PaymentOptions options, TimeProvider clock, ILogger<PaymentNoticeJob> log)
    : ScopedJob<PaymentNotices>(scopes, leases, clock, log)
{
    protected override string Name => "payment-notices";

    protected override TimeSpan Interval => options.NoticeInterval;

    protected override async Task<int> RunAsync(PaymentNotices service, CancellationToken ct) => await service.IssueAllAsync(ct);
}

/// <summary>Removes callback nonces past any timestamp that could still be accepted.</summary>
public sealed class PaymentNonceSweeper(IDbContextFactory<TianmuDb> dbs, DatabaseLeases leases, TimeProvider clock, ILogger<PaymentNonceSweeper> log)
    : LeasedJob(leases, clock, log)
{
    protected override string Name => "payment-nonces";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunAsync(CancellationToken ct)
    {
        var before = Clock.GetUtcNow() - (2 * Ingest.DeviceSignature.ReplayWindow);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.PaymentNonces.Where(n => n.SeenAt < before).ExecuteDeleteAsync(ct);
    }
}
