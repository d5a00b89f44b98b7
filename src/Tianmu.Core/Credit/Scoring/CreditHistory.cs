using Tianmu.Cases;
using Tianmu.Devices;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// Everything the scorers read about one entity, as plain facts loaded in bulk (one query per kind for a
/// whole scope). Facts carry their own times: a grade as of a day counts only what was known by its end.
/// </summary>
public sealed record CreditHistory(Guid EntityId, Guid AgencyId, string AgencyPath)
{
    public IReadOnlyList<DeviceFact> Devices { get; init; } = [];

    public IReadOnlyList<WarningFact> Warnings { get; init; } = [];

    public IReadOnlyList<IncidentFact> Incidents { get; init; } = [];

    public IReadOnlyList<LateReportFact> LateReports { get; init; } = [];

    public IReadOnlyList<OverdueFact> Overdue { get; init; } = [];

    public IReadOnlyList<CaseFact> Cases { get; init; } = [];

    public IReadOnlyList<HygieneFact> HygieneGradings { get; init; } = [];

    /// <summary>The entity's credit repairs; approved ones take their fact out as of their decision day.</summary>
    public IReadOnlyList<CreditRepair> Repairs { get; init; } = [];

    /// <summary>Its key-supervision entries (automatic and manual), listed or removed on their days.</summary>
    public IReadOnlyList<KeySupervisionEntry> KeySupervision { get; init; } = [];
}

/// <summary>A device put into use (启用) on <see cref="ActivatedAt"/>, retired (停用报废) on <see cref="RetiredAt"/> if it was.</summary>
public sealed record DeviceFact(Guid Id, string Label, DateTimeOffset ActivatedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// A warning with what the scorers need: its rule (kind and clause, so offline and S20/Z24 warnings are told
/// apart), severity, and its status with the time it was last changed (<see cref="UpdatedAt"/>).
/// </summary>
public sealed record WarningFact(
    Guid Id, Guid? DeviceId, string RuleName, string Clause, WarningCategory Category, RuleKind? Kind, Severity Severity,
    WarningStatus Status, DateTimeOffset RaisedAt, DateTimeOffset EpisodeStart, DateTimeOffset? EpisodeEnd, DateTimeOffset? UpdatedAt, DateOnly? RectifyBy);

/// <summary>A device incident; once resolved it names the entity's liability (S6/Z23).</summary>
public sealed record IncidentFact(Guid Id, Guid DeviceId, IncidentKind Kind, string Description, DateTimeOffset ReportedAt, Liability? Liability, DateTimeOffset? ResolvedAt);

/// <summary>A self-report submitted after its period's deadline.</summary>
public sealed record LateReportFact(Guid Id, Guid FormId, string FormName, DateOnly PeriodStart, DateTimeOffset SubmittedAt);

/// <summary>
/// A self-report period whose deadline passed without a report (found on <see cref="DetectedAt"/>, reported
/// late on <see cref="ReportedAt"/> if ever). The row has no id of its own; <see cref="Id"/> is derived
/// (<see cref="CreditFactIds.OverdueReport"/>) so a repair can name it.
/// </summary>
public sealed record OverdueFact(Guid Id, Guid FormId, string FormName, DateOnly PeriodStart, DateTimeOffset DetectedAt, DateTimeOffset? ReportedAt);

/// <summary>A decided case (art. 57): its outcome, penalty, decision day, cause (案由) and source.</summary>
public sealed record CaseFact(
    Guid Id, string Title, CaseOutcome Outcome, bool Warning, decimal Fine, string? Severe, DateOnly DecidedOn, CaseSource Source, string? SourceRef);

/// <summary>A public-place hygiene grading (量化分级) on <see cref="GradedOn"/>.</summary>
public sealed record HygieneFact(Guid Id, double Score, string Level, DateOnly GradedOn);

/// <summary>Ids of facts whose rows have none.</summary>
public static class CreditFactIds
{
    /// <summary>A stable id for an overdue period: the first 16 bytes of SHA-256 over form, entity and period start.</summary>
    public static Guid OverdueReport(Guid formId, Guid entityId, DateOnly periodStart)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"overdue_report/{formId:N}/{entityId:N}/{periodStart:yyyy-MM-dd}");
        return new Guid(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 16));
    }
}
