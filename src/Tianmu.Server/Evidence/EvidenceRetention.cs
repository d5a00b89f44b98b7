using Microsoft.EntityFrameworkCore;
using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

public sealed record ExpiringItem(Guid Id, string Title, string EntityName, string AgencyPath, DateTimeOffset CollectedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Retention (S17): reports to administrators the items that will expire within the notice period, and
/// expires the unheld items past their retention through <see cref="RetentionExpiry"/> (the row stays
/// with its expiry; the tombstone goes to the evidence log in the same transaction; then the bytes go).
/// </summary>
public sealed class EvidenceRetention(TianmuDb db, RetentionExpiry expiry, EvidenceOptions options, TimeProvider clock, ILogger<EvidenceRetention> log)
{
    public async Task<IReadOnlyList<ExpiringItem>> ExpiringAsync(Jurisdiction j, CancellationToken ct)
    {
        var until = clock.GetUtcNow().AddDays(options.ExpiryNoticeDays);
        var due = await RetentionExpiry.DueAsync(db, until, 500, ct);
        var holds = (await db.EvidenceHolds.AsNoTracking().Where(h => due.Select(i => i.Id).Contains(h.ItemId)).ToListAsync(ct)).ToLookup(h => h.ItemId);
        return [.. due.Where(i => j.Covers(i.AgencyPath))
            .Select(i => new ExpiringItem(i.Id, i.Title, i.EntityName, i.AgencyPath, i.CollectedAt, RetentionPolicy.ExpiresAt(i.RetentionUntil, holds[i.Id])!.Value))];
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = await ExpiringAsync(Jurisdiction.Platform, ct);
        if (soon.Count > 0)
        {
            log.LogWarning("{Count} evidence items expire within {Days} days; see /evidence/expiring", soon.Count, options.ExpiryNoticeDays);
        }

        var expired = await expiry.ExpireDueAsync(db, now, 200, ct);
        foreach (var e in expired)
        {
            log.LogInformation("Evidence item {Item} expired (retention); object {Sha256} removed: {Removed}", e.ItemId, e.Sha256, e.BytesRemoved);
        }

        return expired.Count + await expiry.SweepAsync(db, now.AddDays(-7), ct);
    }
}

/// <summary>Runs retention hourly on one node (expiry is by date; hourly keeps the report fresh without a daily timer's drift).</summary>
public sealed class EvidenceRetentionJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<EvidenceRetentionJob> log)
    : ScopedJob<EvidenceRetention>(scopes, leases, clock, log)
{
    protected override string Name => "evidence-retention";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override TimeSpan FirstDelay => TimeSpan.FromMinutes(2);

    protected override Task<int> RunAsync(EvidenceRetention service, CancellationToken ct) => service.RunAsync(ct);
}
