using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Tianmu.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>How to reach the database: the provider and its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default: a SQLite file in the data folder.</summary>
    public static DatabaseSettings SqliteIn(string dataDir) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "tianmu.db"),
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString());

    public void Apply(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.Instance),
            _ => options.UseNpgsql(ConnectionString),
        };
    }
}
