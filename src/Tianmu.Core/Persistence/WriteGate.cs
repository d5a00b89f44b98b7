namespace Tianmu.Persistence;

/// <summary>
/// Queues the busiest writers of one process for SQLite's single write lock, in arrival order. Without
/// it a writer finding the lock taken sleeps in SQLite's busy handler (up to 100 ms between tries) and
/// can lose to every other writer meanwhile: under ingest load a warning waited over a second to be
/// written. Ingest batches and the warning recorder take their turn here; PostgreSQL needs no turns.
/// </summary>
public sealed class WriteGate(DatabaseSettings settings)
{
    private readonly SemaphoreSlim? turn = settings.Provider == DatabaseProvider.Sqlite ? new(1, 1) : null;

    /// <summary>Waits for this writer's turn; dispose the result once the transaction is committed or abandoned.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (turn is not null)
        {
            await turn.WaitAsync(ct);
        }

        return new Turn(turn);
    }

    public readonly struct Turn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
