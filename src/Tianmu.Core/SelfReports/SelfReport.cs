namespace Tianmu.SelfReports;

/// <summary>One value as reported, with the label and unit the entity saw, so it reads the same after the form changes.</summary>
public sealed record ReportedValue(string Code, string Label, string? Unit, string Value);

/// <summary>An attachment in the write-once store.</summary>
public sealed record ReportAttachment(string Name, string Sha256, string ContentType, long SizeBytes);

/// <summary>
/// 自律报送 — one submission of a form by an entity for one period. It carries the commitment text
/// exactly as accepted, its SHA-256, who signed it and when (S13/Z15): a false report is then the
/// entity's own written statement (S20/Z24).
/// </summary>
public sealed class SelfReport : IAudited
{
    private SelfReport() { }

    public SelfReport(Guid id, SelfReportForm form, Guid entityId, DateOnly periodStart, Submission s)
    {
        Id = id;
        FormId = form.Id;
        FormVersion = form.Version;
        EntityId = entityId;
        PeriodStart = periodStart;
        ValuesJson = s.ValuesJson;
        AttachmentsJson = s.AttachmentsJson;
        CommitmentText = s.CommitmentText;
        CommitmentHash = s.CommitmentHash;
        SignerUserId = s.SignerUserId;
        SignerName = s.SignerName;
        SubmittedAt = s.SubmittedAt;
        Late = s.SubmittedAt > ReportPeriods.DueAt(form.Frequency, periodStart, form.DueTime);
    }

    public Guid Id { get; private set; }

    public Guid FormId { get; private set; }

    public int FormVersion { get; private set; }

    public Guid EntityId { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public string ValuesJson { get; private set; } = "[]";

    public string AttachmentsJson { get; private set; } = "[]";

    public string CommitmentText { get; private set; } = "";

    public string CommitmentHash { get; private set; } = "";

    public Guid SignerUserId { get; private set; }

    public string SignerName { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>Submitted after the period's deadline.</summary>
    public bool Late { get; private set; }

    /// <summary>When its values were compared with the entity's sensors (S20/Z24); null until then.</summary>
    public DateTimeOffset? CrossCheckedAt { get; private set; }

    public void MarkCrossChecked(DateTimeOffset at) => CrossCheckedAt ??= at;
}

public sealed record Submission(string ValuesJson, string AttachmentsJson, string CommitmentText, string CommitmentHash, Guid SignerUserId, string SignerName, DateTimeOffset SubmittedAt);

/// <summary>
/// A period whose deadline passed without a report, found by the overdue check; kept (not derived on
/// the fly) so warnings and credit can cite it, and marked when a late report finally arrives.
/// </summary>
public sealed class OverdueReport
{
    private OverdueReport() { }

    public OverdueReport(Guid formId, Guid entityId, DateOnly periodStart, DateTimeOffset dueAt, DateTimeOffset detectedAt)
    {
        FormId = formId;
        EntityId = entityId;
        PeriodStart = periodStart;
        DueAt = dueAt;
        DetectedAt = detectedAt;
    }

    public Guid FormId { get; private set; }

    public Guid EntityId { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    /// <summary>When the (late) report arrived, if it did.</summary>
    public DateTimeOffset? ReportedAt { get; private set; }

    public void MarkReported(DateTimeOffset at) => ReportedAt ??= at;
}
