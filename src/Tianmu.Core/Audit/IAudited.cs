namespace Tianmu;

/// <summary>Marks an entity whose every change is written to the audit trail in the same transaction.</summary>
public interface IAudited;

/// <summary>Marks a property whose value never appears in the audit trail (secrets and personal data).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;
