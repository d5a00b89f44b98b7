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
public sealed class ReadingStore(IDbContextFactory<TianmuDb> dbs, WriteGate writes)
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
        using var turn = await writes.EnterAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = connection is NpgsqlConnection pg
            ? await AppendPostgresAsync(pg, (NpgsqlTransaction)tx, readings, ct)
            : AppendSqlite((SqliteConnection)connection, (SqliteTransaction)tx, readings, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    private static int AppendSqlite(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
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
        var device = (Id: Guid.Empty, Text: "");
        foreach (var reading in readings)
        {
            ct.ThrowIfCancellationRequested();
            if (reading.DeviceId != device.Id)
            {
                device = (reading.DeviceId, SqliteGuid(reading.DeviceId)); // a batch is usually one device: format its id once
            }

            d.Value = device.Text;
            m.Value = reading.Metric;
            t.Value = reading.DeviceTime.UtcTicks;
            v.Value = reading.Value;
            q.Value = reading.Quality;
            u.Value = reading.Usable ? 1 : 0;
            r.Value = reading.ReceivedAt.UtcTicks;

            // Synchronous on purpose: SQLite has no asynchronous I/O (the async call only wraps the same
            // work in a task per row); the commit that makes the batch durable is awaited by the caller.
            inserted += command.ExecuteNonQuery();
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

    /// <summary>
    /// A series for a chart: the raw points when there are at most <paramref name="maxPoints"/>,
    /// otherwise equal time buckets with min, max and mean computed in the database, so a year of
    /// minute data becomes a few hundred rows without leaving the server.
    /// </summary>
    public async Task<SeriesPage> QueryAsync(Guid deviceId, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken ct)
    {
        from = from.ToUniversalTime(); // PostgreSQL takes instants only in UTC
        to = to.ToUniversalTime();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var range = db.Readings.AsNoTracking().Where(r => r.DeviceId == deviceId && r.Metric == metric && r.DeviceTime >= from && r.DeviceTime < to);
        var count = await range.CountAsync(ct);
        if (count <= maxPoints)
        {
            var points = await range.OrderBy(r => r.DeviceTime).Select(r => new SeriesPoint(r.DeviceTime, r.Value, r.Value, r.Value, 1, r.Quality, r.Usable)).ToListAsync(ct);
            return new SeriesPage(count, null, points);
        }

        var bucket = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (long)Math.Ceiling((to - from).Ticks / (double)maxPoints / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond));
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (db.Database.IsSqlite())
        {
            command.CommandText = """
                SELECT (device_time / $b) * $b, MIN(value), MAX(value), AVG(value), COUNT(*), SUM(usable)
                FROM readings WHERE device_id = $d AND metric = $m AND device_time >= $f AND device_time < $t
                GROUP BY device_time / $b ORDER BY 1
                """;
            Add(command, "$b", bucket.Ticks);
            Add(command, "$d", SqliteGuid(deviceId));
            Add(command, "$f", from.UtcTicks);
            Add(command, "$t", to.UtcTicks);
        }
        else
        {
            command.CommandText = """
                SELECT floor(extract(epoch FROM device_time) / @b)::bigint * @b, MIN(value), MAX(value), AVG(value), COUNT(*), SUM(usable::int)
                FROM readings WHERE device_id = @d AND metric = @m AND device_time >= @f AND device_time < @t
                GROUP BY 1 ORDER BY 1
                """;
            Add(command, "@b", (long)bucket.TotalSeconds);
            Add(command, "@d", deviceId);
            Add(command, "@f", from.ToUniversalTime());
            Add(command, "@t", to.ToUniversalTime());
        }

        Add(command, db.Database.IsSqlite() ? "$m" : "@m", metric);
        var buckets = new List<SeriesPoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var start = db.Database.IsSqlite()
                ? new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero)
                : DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            var n = Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
            var usable = Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture);
            buckets.Add(new SeriesPoint(start, reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), n, null, usable == n));
        }

        return new SeriesPage(count, bucket, buckets);
    }

    /// <summary>
    /// A series for a line chart that must not hide a spike: the raw readings when there are at most
    /// <paramref name="maxRows"/>, otherwise equal time buckets, each holding the minimum and maximum of
    /// its evidence-usable readings and, apart, of its unusable ones — at most two rows a bucket and
    /// <paramref name="maxRows"/> in all, computed in the database.
    /// </summary>
    public async Task<Envelope> EnvelopeAsync(Guid deviceId, string metric, DateTimeOffset from, DateTimeOffset to, int maxRows, CancellationToken ct)
    {
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var range = db.Readings.AsNoTracking().Where(r => r.DeviceId == deviceId && r.Metric == metric && r.DeviceTime >= from && r.DeviceTime < to);
        var count = await range.CountAsync(ct);
        if (count <= maxRows)
        {
            var raw = await range.OrderBy(r => r.DeviceTime).Select(r => new EnvelopeRow(r.DeviceTime, r.Value, r.Value, 1, r.Usable)).ToListAsync(ct);
            return new Envelope(count, null, raw);
        }

        var buckets = Math.Max(1, maxRows / 2);
        var bucket = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((to - from).TotalSeconds / buckets)));
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sqlite
            ? """
              SELECT (device_time / $b) * $b, usable, MIN(value), MAX(value), COUNT(*)
              FROM readings WHERE device_id = $d AND metric = $m AND device_time >= $f AND device_time < $t
              GROUP BY device_time / $b, usable ORDER BY 1, 2
              """
            : """
              SELECT floor(extract(epoch FROM device_time) / @b)::bigint * @b, usable, MIN(value), MAX(value), COUNT(*)
              FROM readings WHERE device_id = @d AND metric = @m AND device_time >= @f AND device_time < @t
              GROUP BY 1, 2 ORDER BY 1, 2
              """;
        var p = sqlite ? "$" : "@";
        Add(command, p + "b", sqlite ? bucket.Ticks : (long)bucket.TotalSeconds);
        Add(command, p + "d", sqlite ? SqliteGuid(deviceId) : deviceId);
        Add(command, p + "m", metric);
        Add(command, p + "f", sqlite ? from.UtcTicks : from);
        Add(command, p + "t", sqlite ? to.UtcTicks : to);
        var rows = new List<EnvelopeRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var start = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new EnvelopeRow(
                sqlite ? new DateTimeOffset(start, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeSeconds(start),
                reader.GetDouble(2), reader.GetDouble(3), Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new Envelope(count, bucket, rows);
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>EF Core's SQLite provider stores a Guid as upper-case text; raw SQL must match it.</summary>
    internal static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();
}

/// <summary>A point of a chart series: one reading (min = max = mean) or one bucket of readings.</summary>
public sealed record SeriesPoint(DateTimeOffset Time, double Min, double Max, double Mean, int Count, string? Quality, bool Usable);

/// <summary><see cref="Bucket"/> is null when the points are the raw readings.</summary>
public sealed record SeriesPage(int Readings, TimeSpan? Bucket, IReadOnlyList<SeriesPoint> Points);

/// <summary>Readings of a bucket (or one reading: min = max, count 1) that are all usable as evidence or all not.</summary>
public sealed record EnvelopeRow(DateTimeOffset Time, double Min, double Max, int Count, bool Usable);

/// <summary><see cref="Bucket"/> is null when the rows are the raw readings.</summary>
public sealed record Envelope(int Readings, TimeSpan? Bucket, IReadOnlyList<EnvelopeRow> Rows);
