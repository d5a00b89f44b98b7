using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Persistence;

namespace Tianmu.Evidence.Log;

/// <summary>
/// Audit records in the log (kind "audit", ref = the record's id). The leaf data is a compact JSON
/// object with a fixed member order and the default escaping (non-ASCII as \uXXXX), so the same stored
/// row always gives the same bytes: kind, ref, then every column of the record, the time as UTC with
/// seven fraction digits.
/// </summary>
public sealed class AuditLeafSource : ILogLeafSource
{
    public const string KindName = "audit";

    public string Kind => KindName;

    public async Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var ids = refs.Select(r => long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id > 0).ToHashSet();
        var result = new Dictionary<string, byte[]>();
        if (ids.Count == 0)
        {
            return result;
        }

        // A batch's ids are nearly consecutive: one range scan on the key beats a long IN list.
        long low = ids.Min(), high = ids.Max();
        var records = high - low < 2L * ids.Count
            ? db.AuditRecords.AsNoTracking().Where(a => a.Id >= low && a.Id <= high).AsAsyncEnumerable()
            : db.AuditRecords.AsNoTracking().Where(a => ids.Contains(a.Id)).AsAsyncEnumerable();
        await foreach (var record in records.WithCancellation(ct))
        {
            if (ids.Contains(record.Id))
            {
                result[record.Id.ToString(CultureInfo.InvariantCulture)] = Canonical(record);
            }
        }

        return result;
    }

    public static byte[] Canonical(AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", KindName);
            json.WriteString("ref", record.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteString("at", record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("actor_id", record.ActorId?.ToString("D"));
            json.WriteString("actor_name", record.ActorName);
            json.WriteString("agency_path", record.AgencyPath);
            json.WriteString("request_id", record.RequestId);
            json.WriteString("action", record.Action);
            json.WriteString("entity_type", record.EntityType);
            json.WriteString("entity_id", record.EntityId);
            json.WriteString("changes", record.Changes);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
