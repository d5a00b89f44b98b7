using Tianmu.Devices;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// S6, Z23 — 设备损毁、擅自移动或者拆除: incidents resolved with the entity liable (restore or compensate), by
/// kind and liability, decayed from the resolution. Kinds that alter the device or its images (S20/Z24) are
/// scored by <see cref="FalseInformationFactor"/> instead.
/// </summary>
public static class IncidentFactor
{
    public const string Name = "设备损毁、移动、拆除（鲁第六条、浙第二十三条）";

    public static CreditContribution Score(CreditHistory history, PointInTime t, IncidentParameters p, FalseInformationParameters falseInformation)
    {
        var facts = new List<CreditFact>();
        foreach (var i in history.Incidents)
        {
            if (i.Liability is not { } liability || liability == Liability.None || i.ResolvedAt is not { } resolved || !t.Known(resolved)
                || !p.KindPoints.TryGetValue(i.Kind.ToString(), out var kindPoints) || Facts.Contains(falseInformation.IncidentKinds, i.Kind.ToString()))
            {
                continue;
            }

            var age = t.AgeDays(resolved);
            if (age > p.HorizonDays || t.Repaired(CreditFactKinds.DeviceIncident, i.Id))
            {
                continue;
            }

            var factor = p.LiabilityFactor.GetValueOrDefault(liability.ToString(), 1);
            facts.Add(Facts.Of(CreditFactKinds.DeviceIncident, i.Id, Facts.DayOf(resolved), $"{KindName(i.Kind)}：{i.Description}（{LiabilityName(liability)}）",
                -kindPoints * factor * Decay.Factor(age, p.HalfLifeDays)));
        }

        return Facts.Contribution(ScoringModel.IncidentsFactor, Name, facts);
    }

    public static string KindName(IncidentKind kind) => kind switch
    {
        IncidentKind.Offline => "设备离线",
        IncidentKind.Damaged => "设备损坏",
        IncidentKind.Moved => "设备被移位",
        IncidentKind.Removed => "设备被拆除",
        IncidentKind.Obstructed => "设备被遮挡",
        _ => "画面模糊",
    };

    private static string LiabilityName(Liability liability) => liability == Liability.Compensate ? "责令赔偿" : "责令恢复原状";
}
