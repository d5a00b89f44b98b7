namespace Tianmu.Audit;

/// <summary>Who is acting, as the audit trail records it.</summary>
public sealed record AuditActor(Guid? UserId, string Name, string? AgencyPath, string? RequestId)
{
    public static readonly AuditActor System = new(null, "system", null, null);
}

/// <summary>
/// Scoped per request or per unit of background work: who acts, and optionally the name of the use
/// case so the trail reads "user.password_reset" rather than a bare "user.updated".
/// </summary>
public sealed class AuditScope
{
    public AuditActor Actor { get; set; } = AuditActor.System;

    public string? Action { get; set; }
}
