namespace Tianmu.Credit;

/// <summary>风险等级 — what a grade means for supervision; the model's bands assign it.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
    Severe,
}

/// <summary>
/// 信用评价结果 — one computation of an entity's credit grade as of a day (S10, Z4): the score, the grade of the
/// model's band it falls in, the risk level, and every factor's contribution with the facts behind it, under a
/// named model version, so the grade can be explained and re-derived. Rows are kept (history for movements); the
/// entity's current grade is its row with the latest <see cref="AsOf"/>, then <see cref="ComputedAt"/>.
/// Not audited row by row: a grade is derived from audited facts and recomputable from them, and a province's
/// nightly run writes 200,000 rows; the run itself is recorded.
/// </summary>
public sealed class CreditGrade
{
    private CreditGrade() { }

    public CreditGrade(
        Guid id, Guid entityId, Guid agencyId, string agencyPath, DateOnly asOf, DateTimeOffset computedAt, string modelCode, int modelVersion,
        double score, string grade, int rank, RiskLevel risk, bool keySupervision, bool selfMonitored, string contributionsJson)
    {
        Id = id;
        EntityId = entityId;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        AsOf = asOf;
        ComputedAt = computedAt;
        ModelCode = modelCode;
        ModelVersion = modelVersion;
        Score = score;
        Grade = grade;
        Rank = rank;
        Risk = risk;
        KeySupervision = keySupervision;
        SelfMonitored = selfMonitored;
        ContributionsJson = contributionsJson;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>The entity's agency when computed (jurisdiction scoping reads <see cref="AgencyPath"/>).</summary>
    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    /// <summary>The day the grade describes: facts known by the end of it count, ages are measured to it.</summary>
    public DateOnly AsOf { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public string ModelCode { get; private set; } = "";

    public int ModelVersion { get; private set; }

    public double Score { get; private set; }

    /// <summary>The band's label (A/B/C/D or the agency's own).</summary>
    public string Grade { get; private set; } = "";

    /// <summary>The band's position, 0 = best: compares grades whatever their labels.</summary>
    public int Rank { get; private set; }

    public RiskLevel Risk { get; private set; }

    /// <summary>On the key-supervision list (重点监管名单) that day (S20/Z24, or the model's worst band).</summary>
    public bool KeySupervision { get; private set; }

    /// <summary>Has devices actually reporting and keeps its self-reports: earns the reduced inspection frequency (S10, Z4).</summary>
    public bool SelfMonitored { get; private set; }

    /// <summary>The factors' contributions, a JSON array of <see cref="CreditContribution"/> (<see cref="CreditJson"/>).</summary>
    public string ContributionsJson { get; private set; } = "[]";
}

/// <summary>One factor's share of a grade: its points (negative lowers the score) and the facts that gave them.</summary>
public sealed record CreditContribution(string Factor, string Name, double Points, IReadOnlyList<CreditFact> Facts);

/// <summary>
/// One fact behind a contribution. <see cref="Kind"/> names what it is (<see cref="CreditFactKinds"/>) and
/// <see cref="Id"/> its row, so pages link to it and a credit repair can name it; <see cref="Points"/> is its
/// share after weighting and decay.
/// </summary>
public sealed record CreditFact(string Kind, Guid? Id, DateOnly On, string Label, double Points);

/// <summary>The kinds of <see cref="CreditFact"/>; a repair names one of these and the row's id.</summary>
public static class CreditFactKinds
{
    public const string Device = "device";
    public const string DeviceIncident = "device_incident";
    public const string SelfReport = "self_report";
    public const string OverdueReport = "overdue_report";
    public const string Warning = "warning";
    public const string Case = "case";
    public const string HygieneGrading = "hygiene_grading";

    public static readonly IReadOnlyList<string> All = [Device, DeviceIncident, SelfReport, OverdueReport, Warning, Case, HygieneGrading];
}

/// <summary>The one definition of an entity's current grade, for every reader.</summary>
public static class CreditGradeQueries
{
    /// <summary>
    /// Keeps each entity's current row among <paramref name="grades"/>: no row of <paramref name="all"/> for the same
    /// entity is later (AsOf, then ComputedAt), counting only rows on or before <paramref name="day"/> when given.
    /// </summary>
    public static IQueryable<CreditGrade> Current(this IQueryable<CreditGrade> grades, IQueryable<CreditGrade> all, DateOnly? day = null) =>
        grades.Where(g => (day == null || g.AsOf <= day)
            && !all.Any(o => o.EntityId == g.EntityId && (day == null || o.AsOf <= day) && (o.AsOf > g.AsOf || (o.AsOf == g.AsOf && o.ComputedAt > g.ComputedAt))));
}
