namespace Tianmu.Cases;

/// <summary>The legal remedy a party sought against a decision (行政处罚法第七条第二款).</summary>
public enum RemedyKind
{
    /// <summary>申请行政复议 — before the review body (复议机关).</summary>
    Review,

    /// <summary>提起行政诉讼 — before a people's court.</summary>
    Litigation,
}

/// <summary>
/// 行政复议或者行政诉讼期间 — the party applied for review or filed suit against the decision on <see cref="StartedOn"/>,
/// ended by the review decision or judgment on <see cref="EndedOn"/>. Execution does not stop (art. 73 ¶1), but the
/// surcharge is not counted during it (art. 73 ¶3). Recorded by the RecordRemedy step, ended by EndRemedy.
/// </summary>
public sealed class CaseRemedy : IAudited
{
    private CaseRemedy() { }

    public CaseRemedy(Guid id, Guid caseId, RemedyKind kind, string body, DateOnly startedOn, string? reference, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        CaseId = caseId;
        Kind = kind;
        Body = body;
        StartedOn = startedOn;
        Reference = reference;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public RemedyKind Kind { get; private set; }

    /// <summary>复议机关 or 人民法院, as named by the party's application or the court's acceptance notice.</summary>
    public string Body { get; private set; } = "";

    /// <summary>The day the party applied for review or filed suit.</summary>
    public DateOnly StartedOn { get; private set; }

    /// <summary>The review body's or court's case number (案号), when known.</summary>
    public string? Reference { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The day of the review decision or judgment; null while the review or suit is pending.</summary>
    public DateOnly? EndedOn { get; private set; }

    /// <summary>What it decided (维持、撤销、变更、驳回、撤诉…), set with <see cref="EndedOn"/>.</summary>
    public string? Outcome { get; private set; }

    public string? EndedBy { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public RemedyPeriod Period => new(StartedOn, EndedOn);

    public void End(DateOnly on, string outcome, string by, DateTimeOffset at) => (EndedOn, Outcome, EndedBy, EndedAt) = (on, outcome, by, at);
}

public static class RemedyKindNames
{
    public static string ToChinese(this RemedyKind kind) => kind == RemedyKind.Review ? "行政复议" : "行政诉讼";
}
