namespace Tianmu.Credit;

/// <summary>
/// One computation of grades for a scope (the nightly run for the province, or one entity on demand): the day,
/// the model, how many entities were graded and how many newly listed for key supervision, who asked and how
/// long it took. Grades themselves are not audited row by row (<see cref="CreditGrade"/>); the run is the record.
/// </summary>
public sealed class CreditRun
{
    private CreditRun() { }

    public CreditRun(Guid id, DateOnly asOf, string scopePath, Guid? entityId, string modelCode, int modelVersion, string triggeredBy, DateTimeOffset startedAt)
    {
        Id = id;
        AsOf = asOf;
        ScopePath = scopePath;
        EntityId = entityId;
        ModelCode = modelCode;
        ModelVersion = modelVersion;
        TriggeredBy = triggeredBy;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }

    public DateOnly AsOf { get; private set; }

    /// <summary>The agency path graded ("/" for the whole platform).</summary>
    public string ScopePath { get; private set; } = "";

    /// <summary>Set when one entity was recomputed on demand.</summary>
    public Guid? EntityId { get; private set; }

    public string ModelCode { get; private set; } = "";

    public int ModelVersion { get; private set; }

    /// <summary>"系统" for the nightly run, otherwise the officer.</summary>
    public string TriggeredBy { get; private set; } = "";

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public int Entities { get; private set; }

    public int Listed { get; private set; }

    public void Finish(int entities, int listed, DateTimeOffset at) => (Entities, Listed, FinishedAt) = (entities, listed, at);
}
