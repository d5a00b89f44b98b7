using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tianmu.Credit;
using Tianmu.Persistence;

namespace Tianmu.Server.Credit;

/// <summary>
/// Stores computed grades in bulk on the context's connection and inside its current transaction: PostgreSQL by
/// binary COPY, SQLite by one prepared INSERT reused for every row. A province's nightly run writes 200,000
/// rows; through the change tracker that alone would take minutes. The values are written as the EF model maps
/// them (SQLite: upper-case GUID text, ISO dates, UTC ticks; enums as names), which a round-trip test checks.
/// </summary>
public static class CreditGradeWriter
{
    private const string Columns =
        "id, entity_id, agency_id, agency_path, as_of, computed_at, model_code, model_version, score, grade, rank, risk, key_supervision, self_monitored, contributions_json";

    public static async Task WriteAsync(TianmuDb db, IReadOnlyList<CreditGrade> grades, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsNpgsql())
            {
                await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), grades, ct);
            }
            else
            {
                await InsertAsync(db, grades, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<CreditGrade> grades, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY credit_grades ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var g in grades)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(g.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(g.EntityId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(g.AgencyId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(g.AgencyPath, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(g.AsOf, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(g.ComputedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(g.ModelCode, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(g.ModelVersion, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(g.Score, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(g.Grade, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(g.Rank, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(g.Risk.ToString(), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(g.KeySupervision, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(g.SelfMonitored, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(g.ContributionsJson, NpgsqlDbType.Text, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task InsertAsync(TianmuDb db, IReadOnlyList<CreditGrade> grades, CancellationToken ct)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await using var insert = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
            insert.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            insert.CommandText = $"INSERT INTO credit_grades ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
            var p = new SqliteParameter[15];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = insert.Parameters.AddWithValue($"${i + 1}", DBNull.Value); // typed by each value, as EF binds them
            }

            insert.Prepare();
            foreach (var g in grades)
            {
                p[0].Value = g.Id.ToString().ToUpperInvariant();
                p[1].Value = g.EntityId.ToString().ToUpperInvariant();
                p[2].Value = g.AgencyId.ToString().ToUpperInvariant();
                p[3].Value = g.AgencyPath;
                p[4].Value = g.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p[5].Value = g.ComputedAt.UtcTicks;
                p[6].Value = g.ModelCode;
                p[7].Value = g.ModelVersion;
                p[8].Value = g.Score;
                p[9].Value = g.Grade;
                p[10].Value = g.Rank;
                p[11].Value = g.Risk.ToString();
                p[12].Value = g.KeySupervision ? 1 : 0;
                p[13].Value = g.SelfMonitored ? 1 : 0;
                p[14].Value = g.ContributionsJson;
                insert.ExecuteNonQuery(); // synchronous: SQLite has no async I/O, the async path only adds overhead per row
            }

            if (owned is not null)
            {
                await owned.CommitAsync(ct);
            }
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
