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

    protected ILogger Log { get; } = log;

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
                    Log.LogWarning(e, "Background job {Job} failed; will retry", Name);
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

/// <summary>
/// A leased job whose round is one call to a scoped service that returns how many things it
/// handled (overdue reports found, clues or warnings escalated); the count is logged when not zero.
/// </summary>
public abstract class ScopedJob<TService>(IServiceScopeFactory scopes, DatabaseLeases leases, TimeProvider clock, ILogger log)
    : LeasedJob(leases, clock, log)
    where TService : notnull
{
    protected abstract Task<int> RunAsync(TService service, CancellationToken ct);

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handled = await RunAsync(scope.ServiceProvider.GetRequiredService<TService>(), ct);
        if (handled > 0)
        {
            Log.LogInformation("Background job {Job} handled {Count}", Name, handled);
        }
    }
}
