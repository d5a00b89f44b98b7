using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Tianmu.Persistence;

namespace Tianmu.Ingest;

/// <summary>
/// The ingest hot path: writes a batch of readings in one transaction with one prepared statement
/// (SQLite) or one array insert (PostgreSQL), skipping readings already stored. When it returns, the
/// batch is committed — synchronous=FULL on SQLite — so acknowledging it cannot lose data.
/// </summary>
public sealed class ReadingStore(IDbContextFactory<TianmuDb> dbs)
{
    /// <summary>Stores the readings; returns how many were new (the rest were duplicates).</summary>
    public async Task<int> AppendAsync(IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        if (readings.Count == 0)
        {
            return 0;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = connection is NpgsqlConnection pg
            ? await AppendPostgresAsync(pg, (NpgsqlTransaction)tx, readings, ct)
            : await AppendSqliteAsync((SqliteConnection)connection, (SqliteTransaction)tx, readings, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    private static async Task<int> AppendSqliteAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR IGNORE INTO readings (device_id, metric, device_time, value, quality, usable, received_at) VALUES ($d, $m, $t, $v, $q, $u, $r)";
        var d = command.Parameters.Add("$d", SqliteType.Text);
        var m = command.Parameters.Add("$m", SqliteType.Text);
        var t = command.Parameters.Add("$t", SqliteType.Integer);
        var v = command.Parameters.Add("$v", SqliteType.Real);
        var q = command.Parameters.Add("$q", SqliteType.Text);
        var u = command.Parameters.Add("$u", SqliteType.Integer);
        var r = command.Parameters.Add("$r", SqliteType.Integer);
        command.Prepare();
        var inserted = 0;
        foreach (var reading in readings)
        {
            d.Value = SqliteGuid(reading.DeviceId);
            m.Value = reading.Metric;
            t.Value = reading.DeviceTime.UtcTicks;
            v.Value = reading.Value;
            q.Value = reading.Quality;
            u.Value = reading.Usable ? 1 : 0;
            r.Value = reading.ReceivedAt.UtcTicks;
            inserted += await command.ExecuteNonQueryAsync(ct);
        }

        return inserted;
    }

    private static async Task<int> AppendPostgresAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO readings (device_id, metric, device_time, value, quality, usable, received_at)
            SELECT * FROM unnest(@d, @m, @t, @v, @q, @u, @r)
            ON CONFLICT DO NOTHING
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = readings.Select(x => x.DeviceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = readings.Select(x => x.Metric).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = readings.Select(x => x.DeviceTime.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = readings.Select(x => x.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = readings.Select(x => x.Quality).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = readings.Select(x => x.Usable).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = readings.Select(x => x.ReceivedAt.ToUniversalTime()).ToArray() });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>EF Core's SQLite provider stores a Guid as upper-case text; raw SQL must match it.</summary>
    internal static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();
}
