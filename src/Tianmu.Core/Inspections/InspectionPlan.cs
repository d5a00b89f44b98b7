namespace Tianmu.Inspections;

/// <summary>
/// 年度检查计划 — one agency's on-site inspection plan for a year (S10, Z4, Z8): for every entity in its jurisdiction,
/// how many inspections the credit model sets from the entity's grade and by when. Generated from the grades as of
/// <see cref="GradesOn"/>; generating again (e.g. after a nightly grading) replaces the items and counts a revision.
/// </summary>
public sealed class InspectionPlan : IAudited
{
    private InspectionPlan() { }

    public InspectionPlan(Guid id, Guid agencyId, string agencyPath, int year)
    {
        Id = id;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Year = year;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public int Year { get; private set; }

    /// <summary>The credit model whose supervision rules set the frequencies.</summary>
    public string ModelCode { get; private set; } = "";

    public int ModelVersion { get; private set; }

    /// <summary>The day whose current grades and key-supervision list the plan reflects.</summary>
    public DateOnly GradesOn { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public string GeneratedBy { get; private set; } = "";

    /// <summary>1 for the first generation, +1 for each regeneration.</summary>
    public int Revision { get; private set; }

    public void Generate(string modelCode, int modelVersion, DateOnly gradesOn, DateTimeOffset at, string by) =>
        (ModelCode, ModelVersion, GradesOn, GeneratedAt, GeneratedBy, Revision) = (modelCode, modelVersion, gradesOn, at, by, Revision + 1);
}

/// <summary>
/// One entity's line of a plan: the grade it was planned as, the frequency and sampling ratio, the due dates.
/// Not audited row by row: derived from the grades (themselves derived) when the audited plan is generated.
/// </summary>
public sealed class InspectionPlanItem
{
    private InspectionPlanItem() { }

    public InspectionPlanItem(Guid id, Guid planId, Guid entityId, PlannedEntity planned)
    {
        Id = id;
        PlanId = planId;
        EntityId = entityId;
        Grade = planned.Grade;
        Graded = planned.Graded;
        SelfMonitored = planned.SelfMonitored;
        KeySupervision = planned.KeySupervision;
        PerYear = planned.PerYear;
        SamplingRatio = planned.SamplingRatio;
        DueDates = string.Join(",", planned.DueDates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid EntityId { get; private set; }

    public string Grade { get; private set; } = "";

    /// <summary>False: the entity had no grade and was planned by <see cref="InspectionSchedule.UngradedBand"/>.</summary>
    public bool Graded { get; private set; }

    public bool SelfMonitored { get; private set; }

    public bool KeySupervision { get; private set; }

    public int PerYear { get; private set; }

    public double SamplingRatio { get; private set; }

    /// <summary>yyyy-MM-dd, comma-separated, in order.</summary>
    public string DueDates { get; private set; } = "";

    public IReadOnlyList<DateOnly> DueDateList() =>
        [.. DueDates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
}
