using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Inserts a batch of leaves inside the caller's transaction with the provider's fast path (EF's
/// per-entity inserts were the appender's bottleneck): SQLite, one prepared INSERT per row; PostgreSQL,
/// one INSERT … SELECT FROM unnest(arrays) for the whole batch.
/// </summary>
internal static class LeafWriter
{
    public static async Task InsertAsync(TianmuDb db, IReadOnlyList<LogLeaf> leaves, CancellationToken ct)
    {
        if (leaves.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO log_leaves (leaf_index, kind, ref, leaf_hash, appended_at) SELECT * FROM unnest(@i, @k, @r, @h, @t)", npgsql, (NpgsqlTransaction?)transaction);
            command.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = leaves.Select(l => l.LeafIndex).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = leaves.Select(l => l.Kind).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = leaves.Select(l => l.Ref).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = leaves.Select(l => l.LeafHash).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = leaves.Select(l => l.AppendedAt.UtcDateTime).ToArray() });
            await command.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var insert = (SqliteCommand)connection.CreateCommand();
        insert.Transaction = (SqliteTransaction?)transaction;
        insert.CommandText = "INSERT INTO log_leaves (leaf_index, kind, ref, leaf_hash, appended_at) VALUES ($i, $k, $r, $h, $t)";
        var index = insert.Parameters.Add("$i", SqliteType.Integer);
        var kind = insert.Parameters.Add("$k", SqliteType.Text);
        var reference = insert.Parameters.Add("$r", SqliteType.Text);
        var hash = insert.Parameters.Add("$h", SqliteType.Blob);
        var time = insert.Parameters.Add("$t", SqliteType.Integer);
        foreach (var leaf in leaves)
        {
            index.Value = leaf.LeafIndex;
            kind.Value = leaf.Kind;
            reference.Value = leaf.Ref;
            hash.Value = leaf.LeafHash;
            time.Value = leaf.AppendedAt.UtcTicks; // the schema's instants are UTC ticks on SQLite
            insert.ExecuteNonQuery(); // synchronous: SQLite has no async I/O, and this keeps the statement prepared
        }
    }
}
