using Tianmu.Persistence;

namespace Tianmu.Evidence.Log;

/// <summary>
/// A kind of record the evidence log covers ("audit", "evidence", "document"). Rows of the kind are queued
/// for the log by a database trigger in the transaction that inserts them (table log_queue(kind, ref)), so
/// nothing committed can miss the log. The appender asks the source for each queued row's leaf data: a
/// canonical byte form of the row that names the kind and the ref, so the row can be re-checked later by
/// recomputing its leaf hash.
/// </summary>
public interface ILogLeafSource
{
    string Kind { get; }

    /// <summary>Leaf data per ref; refs whose row cannot be found are left out (and reported by the appender).</summary>
    Task<IReadOnlyDictionary<string, byte[]>> LeafDataAsync(TianmuDb db, IReadOnlyCollection<string> refs, CancellationToken ct);
}
