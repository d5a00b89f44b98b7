namespace Tianmu.Inspections;

public enum InspectionOutcome
{
    /// <summary>未发现违法行为</summary>
    Compliant,

    /// <summary>发现问题，责令改正</summary>
    Rectification,

    /// <summary>发现违法行为，移交立案</summary>
    CaseReferred,
}

/// <summary>
/// 现场检查记录 — an on-site inspection of an entity: when, by which officers (at least two, 行政处罚法 art. 42), what
/// was found, and whether it was a planned inspection or one drawn at random (双随机). Plan progress counts these;
/// a drawn one's result is published with its draw.
/// </summary>
public sealed class Inspection : IAudited
{
    private Inspection() { }

    public Inspection(
        Guid id, Guid entityId, string agencyPath, DateOnly inspectedOn, string officersJson, InspectionOutcome outcome, string findings,
        Guid? planId, Guid? drawId, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        EntityId = entityId;
        AgencyPath = agencyPath;
        InspectedOn = inspectedOn;
        OfficersJson = officersJson;
        Outcome = outcome;
        Findings = findings;
        PlanId = planId;
        DrawId = drawId;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public DateOnly InspectedOn { get; private set; }

    /// <summary>The inspecting officers, a JSON array of <see cref="PoolOfficer"/> (id and name at the time).</summary>
    public string OfficersJson { get; private set; } = "[]";

    public InspectionOutcome Outcome { get; private set; }

    public string Findings { get; private set; } = "";

    /// <summary>The plan it fulfils, when recorded against one.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>The random draw that chose it, when it did.</summary>
    public Guid? DrawId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}

public static class InspectionOutcomes
{
    public static string ToChinese(this InspectionOutcome outcome) => outcome switch
    {
        InspectionOutcome.Compliant => "未发现违法行为",
        InspectionOutcome.Rectification => "责令改正",
        InspectionOutcome.CaseReferred => "移交立案查处",
        _ => outcome.ToString(),
    };
}

/// <summary>
/// 回避 — an officer declared in conflict with an entity (kinship, past employment, an interest…): never drawn to
/// inspect it. Officers who investigated a case of the entity in the last three years are excluded without a
/// declaration (<see cref="RandomDraw"/> pools record both).
/// </summary>
public sealed class OfficerConflict : IAudited
{
    private OfficerConflict() { }

    public OfficerConflict(Guid id, Guid officerId, Guid entityId, string agencyPath, string reason, string declaredBy, DateTimeOffset declaredAt)
    {
        Id = id;
        OfficerId = officerId;
        EntityId = entityId;
        AgencyPath = agencyPath;
        Reason = reason;
        DeclaredBy = declaredBy;
        DeclaredAt = declaredAt;
    }

    public Guid Id { get; private set; }

    public Guid OfficerId { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>The entity's agency path (jurisdiction scoping).</summary>
    public string AgencyPath { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string DeclaredBy { get; private set; } = "";

    public DateTimeOffset DeclaredAt { get; private set; }
}
