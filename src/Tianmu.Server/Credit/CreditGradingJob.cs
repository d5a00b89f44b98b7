using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Credit;

/// <summary>
/// The nightly grading on one node (leased): every quarter of an hour it checks whether the day just ended has
/// been graded for the whole platform, and grades it once after 01:00 China time.
/// </summary>
public sealed class CreditGradingJob(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger<CreditGradingJob> log)
    : ScopedJob<CreditGrading>(scopes, leases, clock, log)
{
    protected override string Name => "credit-grading";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    /// <summary>Not in the first minutes of a start: start-up work comes first, and a restart does not grade at once.</summary>
    protected override TimeSpan FirstDelay => TimeSpan.FromMinutes(10);

    protected override Task<int> RunAsync(CreditGrading service, CancellationToken ct) => service.RunNightlyAsync(ct);
}
