using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Tianmu.Persistence;

namespace Tianmu.Bench;

/// <summary>
/// The machine's limit for storing readings: the same rows, committed in batches, written from this
/// plain program on one connection into a fresh, migrated database of the same provider. Batches of
/// 1,000 (an HTTP batch) and of 4 (an HJ 212 packet of four factors, which the server must commit
/// before acknowledging it). SQLite: one prepared INSERT OR IGNORE per row (synchronous=FULL, as the
/// server). PostgreSQL: binary COPY per batch, the fastest plain method; the server's own statement
/// (INSERT … SELECT unnest(arrays) ON CONFLICT DO NOTHING) is measured beside it, and a load is
/// compared with the faster of the two.
/// </summary>
public static class RawCeiling
{
    public const int HttpBatch = 1000;
    public const int PacketBatch = 4;

    public sealed record Figure(string Method, int BatchSize, double ReadingsPerSecond);

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(string provider, int rows, int packetRows)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        await new Migrator(database.Settings, NullLogger<Migrator>.Instance).MigrateAsync();
        var cs = database.Settings.ConnectionString;
        if (!database.IsPostgres)
        {
            return
            [
                new("prepared INSERT", HttpBatch, await SqliteAsync(cs, rows, HttpBatch)),
                new("prepared INSERT", PacketBatch, await SqliteAsync(cs, packetRows, PacketBatch)),
            ];
        }

        return
        [
            new("binary COPY", HttpBatch, await PostgresAsync(cs, rows, HttpBatch, CopyAsync)),
            new("server's unnest INSERT", HttpBatch, await PostgresAsync(cs, rows, HttpBatch, UnnestAsync)),
            new("binary COPY", PacketBatch, await PostgresAsync(cs, packetRows, PacketBatch, CopyAsync)),
            new("server's unnest INSERT", PacketBatch, await PostgresAsync(cs, packetRows, PacketBatch, UnnestAsync)),
        ];
    }

    private static async Task<double> SqliteAsync(string connectionString, int rows, int batchSize)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync();
        }

        var device = Guid.NewGuid().ToString().ToUpperInvariant();
        var start = DateTimeOffset.UtcNow.AddDays(-1).UtcTicks;
        var watch = new Stopwatch();
        for (var done = -batchSize; done < rows; done += batchSize)
        {
            if (done == 0)
            {
                watch.Start(); // the first batch warmed up the statement and the file
            }

            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO readings VALUES ($d, 'ph', $t, 7.0, 'N', 1, $t)";
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Integer);
            d.Value = device;
            for (var i = 0; i < batchSize; i++)
            {
                t.Value = start + ((done + i) * TimeSpan.TicksPerMillisecond);
                insert.ExecuteNonQuery(); // synchronous, as the server's hot path: SQLite has no async I/O
            }

            await tx.CommitAsync();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> PostgresAsync(string connectionString, int rows, int batchSize, Func<NpgsqlConnection, Guid, DateTime[], Task> write)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var device = Guid.NewGuid();
        var start = DateTime.UtcNow.AddDays(-1);
        var watch = new Stopwatch();
        for (var done = -batchSize; done < rows; done += batchSize)
        {
            if (done == 0)
            {
                watch.Start(); // the first batch warmed up the statement and the table
            }

            var times = Enumerable.Range(done, batchSize).Select(i => start.AddMilliseconds(i)).ToArray();
            await using var tx = await connection.BeginTransactionAsync();
            await write(connection, device, times);
            await tx.CommitAsync();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Guid device, DateTime[] times)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY readings (device_id, metric, device_time, value, quality, usable, received_at) FROM STDIN (FORMAT BINARY)");
        foreach (var time in times)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(device, NpgsqlDbType.Uuid);
            await copy.WriteAsync("ph", NpgsqlDbType.Text);
            await copy.WriteAsync(time, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(7.0, NpgsqlDbType.Double);
            await copy.WriteAsync("N", NpgsqlDbType.Text);
            await copy.WriteAsync(true, NpgsqlDbType.Boolean);
            await copy.WriteAsync(time, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    private static async Task UnnestAsync(NpgsqlConnection connection, Guid device, DateTime[] times)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO readings (device_id, metric, device_time, value, quality, usable, received_at)
            SELECT * FROM unnest(@d, @m, @t, @v, @q, @u, @r)
            ON CONFLICT DO NOTHING
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = times.Select(_ => device).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = times.Select(_ => "ph").ToArray() });
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times });
        command.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = times.Select(_ => 7.0).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = times.Select(_ => "N").ToArray() });
        command.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = times.Select(_ => true).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times });
        await command.ExecuteNonQueryAsync();
    }
}
