namespace Tianmu.Common;

/// <summary>
/// Turns keyed by a string, for work of one process that would otherwise race on the same row and retry: requests for
/// the same key wait in arrival order, others run side by side. Keys share a fixed number of stripes, so memory stays
/// bounded whatever the keys; two keys on one stripe merely wait for each other. Other nodes are not covered — the
/// database's concurrency token still decides between them.
/// </summary>
public sealed class StripedTurns(int stripes = 64)
{
    private readonly SemaphoreSlim[] turns = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the key's turn; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(string key, CancellationToken ct)
    {
        var turn = turns[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)turns.Length)];
        await turn.WaitAsync(ct);
        return new Turn(turn);
    }

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
