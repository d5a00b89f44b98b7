namespace Tianmu.Audit;

/// <summary>
/// One entry of the append-only audit trail. Written by <see cref="AuditingInterceptor"/> inside the
/// transaction of the change it records; the database refuses UPDATE and DELETE on this table.
/// </summary>
public sealed class AuditRecord
{
    private AuditRecord() { }

    public AuditRecord(DateTimeOffset at, AuditActor actor, string action, string entityType, string entityId, string changes)
    {
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        AgencyPath = actor.AgencyPath;
        RequestId = actor.RequestId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Changes = changes;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    /// <summary>User name of the actor, or "system" for background work.</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>The actor's jurisdiction path; scopes who may read the record.</summary>
    public string? AgencyPath { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>What was done, e.g. "user.created" or a use case's own name such as "user.password_reset".</summary>
    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    /// <summary>JSON object: property → [before, after]; redacted properties show "***".</summary>
    public string Changes { get; private set; } = "{}";
}
