using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tianmu.Common;
using Tianmu.Persistence;

namespace Tianmu.Audit;

/// <summary>
/// Adds an <see cref="AuditRecord"/> for every added, modified or deleted <see cref="IAudited"/>
/// entity to the same SaveChanges, so the change and its record commit or roll back together.
/// No handler can forget to audit, and no code path can edit or remove a record.
/// </summary>
public sealed class AuditingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditRecords(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditRecords(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditRecords(DbContext? context)
    {
        if (context is not TianmuDb db)
        {
            return;
        }

        var scope = db.AuditScope;
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var records = new List<AuditRecord>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditRecord && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("审计记录只可追加，不可修改或删除。");
            }

            if (entry.Entity is not IAudited || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            var type = Naming.ToSnakeCase(entry.Metadata.ClrType.Name);
            var verb = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            records.Add(new AuditRecord(now, scope.Actor, scope.Action ?? $"{type}.{verb}", type, KeyOf(entry), JsonSerializer.Serialize(changes)));
        }

        db.AddRange(records);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(":", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value?.ToString(),
        }));

    private static SortedDictionary<string, object?[]> Describe(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && !property.IsModified)
            {
                continue;
            }

            if (entry.State == EntityState.Modified && Equals(before, after))
            {
                continue;
            }

            var redacted = property.Metadata.PropertyInfo?.GetCustomAttribute<AuditRedactedAttribute>() is not null;
            changes[Naming.ToSnakeCase(property.Metadata.Name)] = redacted
                ? [before is null ? null : "***", after is null ? null : "***"]
                : [before, after];
        }

        return changes;
    }
}
