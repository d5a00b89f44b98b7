using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tianmu.Documents;
using Tianmu.Persistence;

namespace Tianmu.Server.Documents;

/// <summary>
/// Gapless 文号 per agency, year and type, across threads and nodes. Issuing is two steps:
/// (a) one short transaction whose first statement is the counter upsert
/// (<c>INSERT … ON CONFLICT DO UPDATE SET last_serial = last_serial + 1 RETURNING last_serial</c>, on both
/// databases): on SQLite it is a write, so the transaction holds the write lock from its first statement (no
/// read-then-upgrade deadlock); on PostgreSQL it locks the counter row, so issuers of the same series queue
/// there. In the same transaction the document moves Draft → Numbered with its number and frozen HTML; the
/// status is a concurrency token, so a document numbered meanwhile by another request or node rolls back the
/// whole transaction, the counter increment included. A committed serial therefore always belongs to exactly
/// one document. (b) The slow part — PDF, signature, object store — runs after the commit, outside any
/// transaction, and a second short transaction marks the document Issued. If (b) fails the document keeps its
/// number and issuing it again completes it; numbers never go back, so there is never a gap.
/// </summary>
internal static class DocumentNumbering
{
    private const string Upsert =
        "INSERT INTO document_counters (agency_id, year, type, last_serial) VALUES (@agency, @year, @type, 1) " +
        "ON CONFLICT (agency_id, year, type) DO UPDATE SET last_serial = document_counters.last_serial + 1 RETURNING last_serial";

    /// <summary>The next serial; must be the first statement of the numbering transaction.</summary>
    public static async Task<int> NextSerialAsync(TianmuDb db, Guid agencyId, int year, DocumentType type, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("numbering runs inside its transaction");
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Upsert;
        // EF keeps GUIDs as upper-case text on SQLite; the counter's agency_id must match agencies.id.
        Add(command, "@agency", db.Database.IsSqlite() ? agencyId.ToString().ToUpperInvariant() : agencyId);
        Add(command, "@year", year);
        Add(command, "@type", type.ToString());
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
