using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Tests.Credit.Scoring;

/// <summary>Hand-made entity histories for the factor tests: one entity, facts placed on China-time days.</summary>
internal static class Histories
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly ScoringModel Model = ScoringModel.Default;

    public static CreditHistory Empty() => new(Guid.NewGuid(), Guid.NewGuid(), "/370000/370100/370102/");

    public static CreditResult Score(CreditHistory history, DateOnly? asOf = null) => CreditScorer.Score(Model, history, asOf ?? Today);

    public static double Points(CreditResult result, string factor) => result.Contributions.Single(c => c.Factor == factor).Points;

    /// <summary>Noon China time on <paramref name="day"/>.</summary>
    public static DateTimeOffset At(DateOnly day, int hour = 12) => new(day.ToDateTime(new TimeOnly(hour, 0)), ChinaTime.Offset);

    public static DeviceFact Device(DateOnly activated, DateOnly? retired = null) =>
        new(Guid.NewGuid(), "余氯在线监测仪 SN-1", At(activated), retired is { } r ? At(r) : null);

    public static WarningFact Offline(DeviceFact device, DateTimeOffset from, DateTimeOffset? to, WarningStatus status = WarningStatus.New) =>
        Warning(WarningCategory.Device, RuleKind.MissingData, Severity.Medium, "Z12 设备应正常运行、数据连续", from, status, to ?? from, device.Id) with { EpisodeStart = from, EpisodeEnd = to };

    public static WarningFact Violation(DateOnly raised, Severity severity = Severity.High, WarningStatus status = WarningStatus.New, DateOnly? changed = null, DateOnly? rectifyBy = null) =>
        Warning(WarningCategory.Violation, RuleKind.Threshold, severity, "GB 37488-2019 人工游泳池水质：游离性余氯 0.3 mg/L～1.0 mg/L", At(raised), status, At(changed ?? raised), null) with { RectifyBy = rectifyBy };

    /// <summary>自报与监测比对 (the pool pack's POOL-SELF-CHECK rule, citing S20/Z24).</summary>
    public static WarningFact CrossCheck(DateOnly raised, WarningStatus status, DateOnly changed) =>
        Warning(WarningCategory.SelfSupervision, RuleKind.CrossCheck, Severity.High, "S20/Z24 行政相对人提供虚假信息、瞒报谎报信息；S13/Z15 对报送信息真实性作出书面承诺", At(raised), status, At(changed), null);

    /// <summary>数据恒定 — suspected tampering (POOL-FCL-FLAT, citing S6/Z23 and S20/Z24).</summary>
    public static WarningFact FlatLine(DateOnly raised, WarningStatus status, DateOnly changed) =>
        Warning(WarningCategory.Device, RuleKind.FlatLine, Severity.Medium, "S6/Z23 不得擅自改动设备；S20/Z24 擅自改动设备及数据 — 数值恒定疑似传感器故障或被干扰", At(raised), status, At(changed), null);

    public static IncidentFact Incident(IncidentKind kind, Liability? liability, DateOnly resolved) =>
        new(Guid.NewGuid(), Guid.NewGuid(), kind, "巡查发现", At(resolved.AddDays(-3)), liability, liability is null ? null : At(resolved));

    public static CaseFact Case(DateOnly decided, CaseOutcome outcome = CaseOutcome.Penalty, decimal fine = 5000m, string title = "游泳池水质不符合卫生标准", string? sourceRef = null) =>
        new(Guid.NewGuid(), title, outcome, true, fine, null, decided, sourceRef is null ? CaseSource.OwnFinding : CaseSource.Warning, sourceRef);

    public static OverdueFact Overdue(DateOnly period, DateOnly? reported = null)
    {
        var form = Guid.NewGuid();
        return new(Guid.NewGuid(), form, "游泳场所每日水质自检", period, At(period.AddDays(1)), reported is { } r ? At(r) : null);
    }

    public static CreditRepair Repair(CreditHistory history, string kind, Guid factId, DateOnly decided, bool approve = true)
    {
        var repair = new CreditRepair(Guid.NewGuid(), history.EntityId, history.AgencyPath, kind, factId, "已整改", Guid.NewGuid(), "泉城游泳馆 管理员", At(decided.AddDays(-5)));
        repair.Decide(approve, decided, "黄磊", approve ? "整改到位" : "整改不到位");
        return repair;
    }

    private static WarningFact Warning(WarningCategory category, RuleKind kind, Severity severity, string clause, DateTimeOffset raised, WarningStatus status, DateTimeOffset changed, Guid? device) =>
        new(Guid.NewGuid(), device, "测试规则", clause, category, kind, severity, status, raised, raised, raised, status == WarningStatus.New ? null : changed, null);
}
