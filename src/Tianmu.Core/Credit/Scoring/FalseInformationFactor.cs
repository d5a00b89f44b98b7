using Tianmu.Cases;
using Tianmu.Devices;
using Tianmu.Warnings;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// S20, Z24 — 提供虚假信息、瞒报谎报信息、擅自改动设备及图像等信息: each such fact lowers the score and puts the
/// entity on the key-supervision list (纳入重点监管范围). What counts is in <see cref="FalseInformationParameters"/>:
/// confirmed warnings whose rule cites S20/Z24 (cross-check of self-reports, flat-line "suspected tampering"),
/// removal, obstruction or blurring of a device with the entity liable, and decided cases about false information
/// or tampering (a case made from such a warning takes the warning's place).
/// </summary>
public static class FalseInformationFactor
{
    public const string Name = "虚假信息与擅自改动设备（鲁第二十条、浙第二十四条）";

    public const string Basis = "鲁非现场执法规定第二十条、浙非现场执法办法第二十四条";

    public static CreditContribution Score(CreditHistory history, PointInTime t, FalseInformationParameters p)
    {
        var facts = new List<CreditFact>();
        var superseded = new HashSet<Guid>();
        foreach (var c in history.Cases)
        {
            if (!t.Known(c.DecidedOn) || !Concerns(c, history, p))
            {
                continue;
            }

            if (Guid.TryParse(c.SourceRef, out var source))
            {
                superseded.Add(source);
            }

            Add(facts, t, p, CreditFactKinds.Case, c.Id, c.DecidedOn, $"{c.Title}（已作出处理决定）");
        }

        foreach (var w in history.Warnings)
        {
            if (Marked(w, p) && !superseded.Contains(w.Id) && Facts.StatusOn(w, t) is WarningStatus.RectificationOrdered or WarningStatus.Rectified or WarningStatus.TurnedIntoClue)
            {
                Add(facts, t, p, CreditFactKinds.Warning, w.Id, Facts.DayOf(w.UpdatedAt!.Value), $"{w.RuleName}（经核查确认）");
            }
        }

        foreach (var i in history.Incidents)
        {
            if (i.Liability is { } l && l != Liability.None && i.ResolvedAt is { } resolved && t.Known(resolved) && Facts.Contains(p.IncidentKinds, i.Kind.ToString()))
            {
                Add(facts, t, p, CreditFactKinds.DeviceIncident, i.Id, Facts.DayOf(resolved), $"{IncidentFactor.KindName(i.Kind)}：{i.Description}（擅自改动设备及图像，相对人负有责任）");
            }
        }

        return Facts.Contribution(ScoringModel.FalseInformationFactor, Name, facts);
    }

    /// <summary>A warning whose rule cites false information or tampering (e.g. "S20/Z24").</summary>
    public static bool Marked(WarningFact w, FalseInformationParameters p) => p.ClauseMarkers.Any(m => w.Clause.Contains(m, StringComparison.Ordinal));

    /// <summary>A case established (penalty or transfer) whose cause names false information or tampering, or that came from such a warning.</summary>
    public static bool Concerns(CaseFact c, CreditHistory history, FalseInformationParameters p) =>
        c.Outcome is CaseOutcome.Penalty or CaseOutcome.Transfer
        && (p.CaseTerms.Any(term => c.Title.Contains(term, StringComparison.Ordinal))
            || (c.Source == CaseSource.Warning && Guid.TryParse(c.SourceRef, out var source) && history.Warnings.Any(w => w.Id == source && Marked(w, p))));

    private static void Add(List<CreditFact> facts, PointInTime t, FalseInformationParameters p, string kind, Guid id, DateOnly on, string label)
    {
        var age = t.AgeDays(on);
        if (age <= p.HorizonDays && !t.Repaired(kind, id))
        {
            facts.Add(Facts.Of(kind, id, on, label, -p.Points * Decay.Factor(age, p.HalfLifeDays)));
        }
    }
}
