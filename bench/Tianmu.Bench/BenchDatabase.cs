using Microsoft.Data.Sqlite;
using Npgsql;
using Tianmu.Persistence;

namespace Tianmu.Bench;

/// <summary>
/// A fresh database of the provider under test, removed afterwards: a temporary folder for SQLite, a
/// new database on the server in <c>TIANMU_TEST_PG</c> (an admin connection string) for PostgreSQL.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly Func<Task> cleanup;

    private BenchDatabase(DatabaseSettings settings, string dir, Func<Task> cleanup)
    {
        Settings = settings;
        Dir = dir;
        this.cleanup = cleanup;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>A temporary folder beside the database (the server's data directory).</summary>
    public string Dir { get; }

    public bool IsPostgres => Settings.Provider == DatabaseProvider.Postgres;

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"unknown database '{provider}'; use sqlite or postgres");
        }

        var admin = Environment.GetEnvironmentVariable("TIANMU_TEST_PG");
        if (provider == "postgres" && admin is null)
        {
            throw new InvalidOperationException("postgres needs TIANMU_TEST_PG (an admin connection string)");
        }

        var dir = Directory.CreateTempSubdirectory("tianmu-bench-").FullName;
        if (provider == "sqlite")
        {
            return new BenchDatabase(DatabaseSettings.SqliteIn(dir), dir, () =>
            {
                if (Environment.GetEnvironmentVariable("TIANMU_BENCH_KEEP") is { Length: > 0 })
                {
                    Console.WriteLine($"kept {dir}");
                    return Task.CompletedTask;
                }

                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, true);
                return Task.CompletedTask;
            });
        }

        var name = "tianmu_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
        }

        return new BenchDatabase(new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString), dir, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin);
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", c).ExecuteNonQueryAsync();
            Directory.Delete(dir, true);
        });
    }

    public async ValueTask DisposeAsync() => await cleanup();
}
