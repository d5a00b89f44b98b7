using Tianmu.Persistence;

namespace Tianmu.Server.Hosting;

/// <summary>
/// A periodic background job that runs on exactly one node at a time: each round it takes the named
/// database lease and only its holder does the work. Failures are logged and retried next round.
/// </summary>
public abstract class LeasedJob(DatabaseLeases leases, TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>The clock the job runs on, for derived jobs' own time arithmetic.</summary>
    protected TimeProvider Clock { get; } = clock;

    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual TimeSpan FirstDelay => TimeSpan.Zero;

    protected abstract Task RunAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstDelay, Clock, stoppingToken);
            using var timer = new PeriodicTimer(Interval, Clock);
            do
            {
                try
                {
                    if (await leases.TryAcquireAsync(Name, node, Interval / 2, stoppingToken))
                    {
                        await RunAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Background job {Job} failed; will retry", Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
