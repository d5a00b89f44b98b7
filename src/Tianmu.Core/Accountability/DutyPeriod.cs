namespace Tianmu.Accountability;

/// <summary>A person who could act on an item: a user of the agency (id when known) and the name shown.</summary>
public sealed record DutyPerson(Guid? Id, string Name);

/// <summary>
/// One duty of one item (预警、线索、案件环节): who could act, from when, by when (the limit, if the law or
/// the platform sets one), and when and by whom it was done. <see cref="Problem"/> says, in Chinese, why
/// a limit could not be computed (a working-day calendar year not loaded); <see cref="LimitNotBefore"/> is then the
/// start of that year — the limit cannot fall earlier — so a step done (or a period still running) before it is
/// judged in time, and nothing later is judged either way.
/// </summary>
public sealed record DutyPeriod(
    string Step,
    string Basis,
    string WhoCould,
    IReadOnlyList<DutyPerson> People,
    DateTimeOffset From,
    DateTimeOffset? By,
    DateTimeOffset? ActedAt,
    string? ActedBy,
    string? Problem = null,
    DateTimeOffset? LimitNotBefore = null)
{
    /// <summary>How the duty stands at <paramref name="now"/>: done in time or late, overdue, running, or without a limit.</summary>
    public DutyState StateAt(DateTimeOffset now) => (ActedAt, By) switch
    {
        ({ } acted, null) when Problem is not null => acted < LimitNotBefore ? DutyState.InTime : DutyState.Unknown,
        (null, null) when Problem is not null => now < LimitNotBefore ? DutyState.Running : DutyState.Unknown,
        ({ } acted, { } by) => acted <= by ? DutyState.InTime : DutyState.Late,
        ({ }, null) => DutyState.Done,
        (null, { } by) => now > by ? DutyState.Overdue : DutyState.Running,
        (null, null) => DutyState.Open,
    };
}

public enum DutyState
{
    /// <summary>按时履职 — done within the limit.</summary>
    InTime,

    /// <summary>超时履职 — done, after the limit.</summary>
    Late,

    /// <summary>逾期未履职 — the limit passed with no action.</summary>
    Overdue,

    /// <summary>办理中（未到期限）.</summary>
    Running,

    /// <summary>已办理 — a step without a limit, done.</summary>
    Done,

    /// <summary>办理中 — a step without a limit, not yet done.</summary>
    Open,

    /// <summary>期限无法计算 (calendar year not loaded).</summary>
    Unknown,
}

/// <summary>What the accountability report concludes about an item (S18/S19, Z21/Z22).</summary>
public enum DutyVerdict
{
    /// <summary>逾期未履职或超时履职 — flagged against the people who could act (S18, Z21).</summary>
    Flagged,

    /// <summary>依法履职（免责） — every limited step done within its limit (S19, Z22).</summary>
    Compliant,

    /// <summary>办理中 — nothing late so far, some step still running (or its limit unknown).</summary>
    InProgress,
}

public static class DutyJudgement
{
    public static DutyVerdict Verdict(IReadOnlyList<DutyPeriod> periods, DateTimeOffset now)
    {
        var states = periods.Select(p => p.StateAt(now)).ToList();
        if (states.Any(s => s is DutyState.Late or DutyState.Overdue))
        {
            return DutyVerdict.Flagged;
        }

        return states.All(s => s is DutyState.InTime or DutyState.Done) && states.Contains(DutyState.InTime) ? DutyVerdict.Compliant : DutyVerdict.InProgress;
    }

    public static string ToChinese(this DutyVerdict v) => v switch
    {
        DutyVerdict.Flagged => "逾期或超时，需说明",
        DutyVerdict.Compliant => "依法履职（免责）",
        _ => "办理中",
    };

    public static string ToChinese(this DutyState s) => s switch
    {
        DutyState.InTime => "按时履职",
        DutyState.Late => "超时履职",
        DutyState.Overdue => "逾期未履职",
        DutyState.Running => "办理中（未到期限）",
        DutyState.Done => "已办理（无法定时限）",
        DutyState.Open => "办理中（无法定时限）",
        _ => "期限无法计算",
    };
}
