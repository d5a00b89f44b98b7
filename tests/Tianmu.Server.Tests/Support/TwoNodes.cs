using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Support;

/// <summary>
/// Two server nodes on one fresh database (on SQLite they share the file), for tests of what several
/// nodes must do once or see alike. Each test class gets its own pair.
/// </summary>
public abstract class TwoNodes : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = default!;

    protected TianmuApp A { get; private set; } = default!;

    protected TianmuApp B { get; private set; } = default!;

    /// <summary>Configuration both nodes start with, as operators set it on every node.</summary>
    protected virtual IReadOnlyDictionary<string, string> NodeSettings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        A = TianmuApp.NodeOn(Database, NodeSettings);
        B = TianmuApp.NodeOn(Database, NodeSettings);
        // Hosts are built one after the other: the test host's entry-point hook is process-wide.
        await ((IAsyncLifetime)A).InitializeAsync();
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await ((IAsyncLifetime)A).DisposeAsync();
        await ((IAsyncLifetime)B).DisposeAsync();
        await Database.DisposeAsync();
    }
}
