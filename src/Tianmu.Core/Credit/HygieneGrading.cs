namespace Tianmu.Credit;

/// <summary>
/// 量化分级 — a public place's hygiene grading as recorded by an officer after an on-site assessment: the score
/// and the level it gives (LEGAL.md "Credit and inspection frequency": ≥ 90 A, 70–89 B, 60–69 C, below 60 an
/// order to correct, recorded here as D). The latest grading known on a day feeds the credit grade.
/// </summary>
public sealed class HygieneGrading : IAudited
{
    private HygieneGrading() { }

    public HygieneGrading(Guid id, Guid entityId, string agencyPath, double score, DateOnly gradedOn, string gradedBy, string? note, DateTimeOffset recordedAt)
    {
        Id = id;
        EntityId = entityId;
        AgencyPath = agencyPath;
        Score = score;
        Level = LevelFor(score);
        GradedOn = gradedOn;
        GradedBy = gradedBy;
        Note = note;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public double Score { get; private set; }

    /// <summary>A, B, C, or D (below 60: 责令改正).</summary>
    public string Level { get; private set; } = "";

    public DateOnly GradedOn { get; private set; }

    public string GradedBy { get; private set; } = "";

    public string? Note { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static string LevelFor(double score) => score >= 90 ? "A" : score >= 70 ? "B" : score >= 60 ? "C" : "D";
}
