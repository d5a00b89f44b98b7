using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tianmu.Persistence;

/// <summary>
/// Applies the versioned SQL scripts in Persistence/Migrations/{provider}/NNNN_name.sql, each in its
/// own transaction together with its row in schema_versions. EF's design-time tooling cannot run
/// here (PLATFORM.md), and plain scripts read better in review anyway. On PostgreSQL an advisory
/// lock keeps nodes that start together from migrating twice.
/// </summary>
public sealed partial class Migrator(DatabaseSettings settings, ILogger<Migrator> logger)
{
    private const long AdvisoryLockKey = 0x7469616E6D75; // "tianmu"

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var assembly = typeof(Migrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Select(name => (name, match: ScriptName().Match(name)))
            .Where(x => x.match.Success && x.match.Groups["provider"].Value == folder)
            .Select(x => new Script(int.Parse(x.match.Groups["version"].Value, CultureInfo.InvariantCulture), x.match.Groups["name"].Value, Read(x.name)))
            .OrderBy(s => s.Version)];
    }

    public static int LatestVersion(DatabaseProvider provider) => Scripts(provider)[^1].Version;

    /// <summary>Brings the schema up to <paramref name="targetVersion"/> (default: the latest); returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(int? targetVersion = null, CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL; " + SqlitePragmas.Sql, ct);
        }
        else
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        }

        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", ct);
            var applied = await AppliedAsync(connection, ct);
            var done = new List<int>();
            foreach (var script in Scripts(settings.Provider).Where(s => !applied.Contains(s.Version) && s.Version <= (targetVersion ?? int.MaxValue)))
            {
                // SQLite's transaction takes the write lock at once (BEGIN IMMEDIATE); another migrator may have
                // applied this version between our read above and the lock, so look again inside it.
                await using var tx = await connection.BeginTransactionAsync(ct);
                if (await IsAppliedAsync(connection, tx, script.Version, ct))
                {
                    await tx.RollbackAsync(ct);
                    continue;
                }

                await ExecuteAsync(connection, tx, script.Sql, ct);
                await ExecuteAsync(connection, tx,
                    $"INSERT INTO schema_versions (version, name, applied_at) VALUES ({script.Version}, '{script.Name}', '{DateTimeOffset.UtcNow:O}')", ct);
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied schema migration {Version} {Name}", script.Version, script.Name);
                done.Add(script.Version);
            }

            return done;
        }
        finally
        {
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>The schema version the database is at, 0 when it has none.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        try
        {
            var applied = await AppliedAsync(connection, ct);
            return applied.Count == 0 ? 0 : applied.Max();
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private DbConnection Open() => settings.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(settings.ConnectionString)
        : new NpgsqlConnection(settings.ConnectionString);

    private static async Task<HashSet<int>> AppliedAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(ct))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction tx, int version, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT COUNT(*) FROM schema_versions WHERE version = {version}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Read(string resource)
    {
        using var stream = typeof(Migrator).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Migrations\.(?<provider>sqlite|postgres)\.(?<version>\d{4})_(?<name>\w+)\.sql$")]
    private static partial Regex ScriptName();

    public sealed record Script(int Version, string Name, string Sql);
}
