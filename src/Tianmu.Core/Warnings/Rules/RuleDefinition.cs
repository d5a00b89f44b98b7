namespace Tianmu.Warnings.Rules;

/// <summary>What a rule looks at and how it decides.</summary>
public enum RuleKind
{
    /// <summary>阈值 — a value outside [Min, Max] for at least Duration; clears once back inside by Hysteresis.</summary>
    Threshold,

    /// <summary>超限次数 — at least Count out-of-range readings within Window.</summary>
    CountInWindow,

    /// <summary>趋势 — a line fitted over Window predicts crossing Min or Max within Horizon (苗头性/趋势性).</summary>
    Trend,

    /// <summary>数据恒定 — the value has not changed by more than Tolerance for Duration (suspected tampering or a stuck sensor).</summary>
    FlatLine,

    /// <summary>数据缺失 — no reading for longer than Duration (device offline).</summary>
    MissingData,

    /// <summary>AI 事件 — at least Count events of EventType within Window.</summary>
    AiEventCount,

    /// <summary>逾期未报 — a self-report period passed its deadline without a report.</summary>
    OverdueReport,

    /// <summary>自报与监测比对 — a self-reported value differs from the sensor at the same time by more than Tolerance.</summary>
    CrossCheck,
}

public enum Severity
{
    /// <summary>提示</summary>
    Low,

    /// <summary>一般</summary>
    Medium,

    /// <summary>严重</summary>
    High,
}

/// <summary>
/// Whether a warning concerns the entity's compliance (may lead to a case, needs evidence-usable
/// data) or the device itself (offline, stuck — handled as device governance).
/// </summary>
public enum WarningCategory
{
    /// <summary>违法预警</summary>
    Violation,

    /// <summary>苗头性/趋势性预警</summary>
    Trend,

    /// <summary>设备预警</summary>
    Device,

    /// <summary>自律预警 — self-reporting duties (overdue, false report)</summary>
    SelfSupervision,
}

/// <summary>
/// One rule of a pack, as data. Which fields matter depends on <see cref="Kind"/>; <see cref="Clause"/>
/// cites the standard or article the rule enforces, shown with every warning it raises.
/// </summary>
public sealed record RuleDefinition
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>What is measured, as a warning's summary names it (e.g. 游离性余氯); the rule's name when absent.</summary>
    public string? Label { get; init; }

    /// <summary>The subject of a summary sentence.</summary>
    public string Subject => Label ?? Name;

    public required RuleKind Kind { get; init; }

    public required WarningCategory Category { get; init; }

    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>The device metric (or self-report field metric) the rule reads, e.g. free_chlorine.</summary>
    public string? Metric { get; init; }

    public string? Unit { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>How far back inside the limits a value must come to end an episode, so a value hovering at the limit does not open and close episodes.</summary>
    public double Hysteresis { get; init; }

    /// <summary>
    /// Threshold: the longest silence between two readings that still counts as continuous; a longer gap
    /// breaks the run (and ends a raised episode at the last reading before it). Null: <see cref="Duration"/>
    /// when positive, otherwise no bound.
    /// </summary>
    public TimeSpan? MaxGap { get; init; }

    public int? Count { get; init; }

    public TimeSpan? Window { get; init; }

    public TimeSpan? Horizon { get; init; }

    public double? Tolerance { get; init; }

    public string? EventType { get; init; }

    public required string Clause { get; init; }
}

/// <summary>
/// A versioned set of rules for one standard and kind of place (e.g. GB 37488-2019 swimming-pool
/// water), shipped as JSON under <c>Warnings/Packs</c>. A warning records the pack code and version
/// of the rule that raised it, so it can be re-derived later.
/// </summary>
public sealed record RulePack
{
    public required string Code { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public required string Standard { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    public required IReadOnlyList<RuleDefinition> Rules { get; init; }
}
