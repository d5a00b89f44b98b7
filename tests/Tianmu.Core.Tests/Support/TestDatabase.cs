using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tianmu.Audit;
using Tianmu.Persistence;

namespace Tianmu.Tests.Support;

/// <summary>
/// A fresh, empty database of the provider under test: a SQLite file, or a new database in the
/// throw-away PostgreSQL cluster that test.sh starts. test.sh runs the whole suite once per provider
/// (TIANMU_TEST_PROVIDER=sqlite|postgres); PostgreSQL without a server is an error, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteDir;
    private readonly string? pgName;

    private TestDatabase(DatabaseSettings settings, string? sqliteDir, string? pgName)
    {
        Settings = settings;
        this.sqliteDir = sqliteDir;
        this.pgName = pgName;
    }

    public DatabaseSettings Settings { get; }

    public static DatabaseProvider ProviderUnderTest =>
        Environment.GetEnvironmentVariable("TIANMU_TEST_PROVIDER")?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Unknown TIANMU_TEST_PROVIDER '{other}'"),
        };

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ProviderUnderTest == DatabaseProvider.Sqlite)
        {
            var dir = Directory.CreateTempSubdirectory("tianmu-test-").FullName;
            return new TestDatabase(DatabaseSettings.SqliteIn(dir), dir, null);
        }

        var admin = Environment.GetEnvironmentVariable("TIANMU_TEST_PG")
            ?? throw new InvalidOperationException("TIANMU_TEST_PROVIDER=postgres needs TIANMU_TEST_PG (an admin connection string); run ./test.sh, which starts a cluster.");
        var name = "tianmu_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, name);
    }

    public static async Task<TestDatabase> MigratedAsync()
    {
        var db = await CreateAsync();
        await db.Migrator().MigrateAsync();
        return db;
    }

    public Migrator Migrator() => new(Settings, NullLogger<Migrator>.Instance);

    /// <summary>A context like production's: same model, same auditing interceptor.</summary>
    public TianmuDb Context(AuditScope? scope = null, TimeProvider? clock = null) =>
        new TianmuDbFactory(Settings, clock ?? TimeProvider.System).Create(scope ?? new AuditScope());

    public IDbContextFactory<TianmuDb> Factory(TimeProvider? clock = null) => new TianmuDbFactory(Settings, clock ?? TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        if (sqliteDir is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(sqliteDir, recursive: true);
        }

        if (pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TIANMU_TEST_PG"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {pgName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
