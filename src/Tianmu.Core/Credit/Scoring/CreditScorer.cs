namespace Tianmu.Credit.Scoring;

/// <summary>One entity's grade as of a day: score, band, every factor's contribution and the supervision flags.</summary>
public sealed record CreditResult(
    DateOnly AsOf, double Score, GradeBand Band, IReadOnlyList<CreditContribution> Contributions, bool SelfMonitored, bool KeySupervision,
    IReadOnlyList<CreditFact> KeySupervisionFacts)
{
    public CreditGrade ToGrade(CreditHistory history, CreditModel model, DateTimeOffset computedAt) =>
        new(Guid.CreateVersion7(computedAt), history.EntityId, history.AgencyId, history.AgencyPath, AsOf, computedAt, model.Code, model.Version,
            Score, Band.Label, Band.Rank, Band.Risk, KeySupervision, SelfMonitored, CreditJson.Write(Contributions));
}

/// <summary>
/// The credit model applied to one entity's history (S10, S20, Z4, Z24): the base score plus every factor's
/// points, kept between 0 and the base (bonuses offset deductions, never lift a clean record above it), the
/// model's band for it, self-monitoring and key supervision. Pure: the same history and day give the same grade.
/// </summary>
public static class CreditScorer
{
    public static CreditResult Score(ScoringModel m, CreditHistory history, DateOnly asOf)
    {
        var t = new PointInTime(asOf, history.Repairs);
        var falseInformation = FalseInformationFactor.Score(history, t, m.FalseInformation);
        CreditContribution[] contributions =
        [
            DeviceFactor.Score(history, t, m.Devices),
            SelfReportFactor.Score(history, t, m.SelfReports),
            WarningFactor.Score(history, t, m.Warnings),
            CaseFactor.Score(history, t, m.Cases, m.FalseInformation),
            IncidentFactor.Score(history, t, m.Incidents, m.FalseInformation),
            falseInformation,
            HygieneFactor.Score(history, t, m.Hygiene),
        ];
        var score = Math.Round(Math.Clamp(m.Model.BaseScore + contributions.Sum(c => c.Points), 0, m.Model.BaseScore), 2);
        var band = m.Model.BandFor(score);
        var keyFacts = falseInformation.Facts;
        return new CreditResult(asOf, score, band, contributions, SelfMonitoring.Holds(history, t, m, keyFacts.Count > 0),
            band.KeySupervision || OnKeySupervisionList(history, t, keyFacts), keyFacts);
    }

    /// <summary>
    /// On the list that day: an entry active then (automatic or manual), or an S20/Z24 fact not listed yet (the
    /// stored run lists it). A fact whose entry an officer removed (Z4) no longer keeps the entity on the list.
    /// </summary>
    private static bool OnKeySupervisionList(CreditHistory history, PointInTime t, IReadOnlyList<CreditFact> keyFacts) =>
        history.KeySupervision.Any(e => e.IsActiveOn(t.AsOf))
        || keyFacts.Any(f => !history.KeySupervision.Any(e => e.SourceKind == f.Kind && e.SourceId == f.Id));
}

/// <summary>
/// S10, Z4 — 已安装非现场监管设备并落实自我监督主体责任: a device in use that day and actually reporting, self-reports
/// kept (at most the allowed overdue or late periods in the window), and no unrepaired false information or tampering.
/// </summary>
public static class SelfMonitoring
{
    public static bool Holds(CreditHistory history, PointInTime t, ScoringModel m, bool falseInformation)
    {
        var p = m.SelfMonitoring;
        var reporting = history.Devices.Any(d => DeviceFactor.InUseOn(d, t) && DeviceFactor.Uptime(d, history.Warnings, t, p.WindowDays) >= p.MinUptime);
        var missed = history.Overdue.Count(o => t.Known(o.DetectedAt) && t.AgeDays(o.DetectedAt) <= p.WindowDays && !t.Repaired(CreditFactKinds.OverdueReport, o.Id))
            + history.LateReports.Count(r => t.Known(r.SubmittedAt) && t.AgeDays(r.SubmittedAt) <= p.WindowDays && !t.Repaired(CreditFactKinds.SelfReport, r.Id));
        return reporting && missed <= p.MaxOverdue && !falseInformation;
    }
}
