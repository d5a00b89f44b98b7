namespace Tianmu.Warnings;

/// <summary>Where a warning stands (BRIEF capability 6).</summary>
public enum WarningStatus
{
    /// <summary>新预警 — raised, waiting for an officer to sign for it.</summary>
    New,

    /// <summary>已签收</summary>
    SignedFor,

    /// <summary>核查中</summary>
    Checking,

    /// <summary>误报关闭 — closed as a false alarm, with the reason.</summary>
    FalseAlarm,

    /// <summary>已责令整改 — reminder sent and rectification ordered with a deadline (首违不罚/轻微不罚, S3; art. 33).</summary>
    RectificationOrdered,

    /// <summary>已整改 — later data show the condition ended before the deadline.</summary>
    Rectified,

    /// <summary>已转线索 — handed on as a clue for a case.</summary>
    TurnedIntoClue,
}

public enum WarningAction
{
    SignFor,
    StartChecking,
    DismissAsFalseAlarm,
    OrderRectification,
    ConfirmRectified,
    TurnIntoClue,
}

/// <summary>
/// The warning state machine as a table: new → signed for → checking → false alarm (reason) /
/// rectification ordered → rectified / clue. A rectification that was not completed by its deadline
/// may still become a clue. Everything else is refused with the step that is missing.
/// </summary>
public static class WarningLifecycle
{
    private static readonly Dictionary<(WarningStatus, WarningAction), WarningStatus> Table = new()
    {
        [(WarningStatus.New, WarningAction.SignFor)] = WarningStatus.SignedFor,
        [(WarningStatus.SignedFor, WarningAction.StartChecking)] = WarningStatus.Checking,
        [(WarningStatus.Checking, WarningAction.DismissAsFalseAlarm)] = WarningStatus.FalseAlarm,
        [(WarningStatus.Checking, WarningAction.OrderRectification)] = WarningStatus.RectificationOrdered,
        [(WarningStatus.Checking, WarningAction.TurnIntoClue)] = WarningStatus.TurnedIntoClue,
        [(WarningStatus.RectificationOrdered, WarningAction.ConfirmRectified)] = WarningStatus.Rectified,
        [(WarningStatus.RectificationOrdered, WarningAction.TurnIntoClue)] = WarningStatus.TurnedIntoClue,
    };

    public static WarningStatus? Next(WarningStatus from, WarningAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    public static IEnumerable<WarningAction> Allowed(WarningStatus from) => Table.Keys.Where(k => k.Item1 == from).Select(k => k.Item2);

    /// <summary>No further handling: a new episode of the same rule and device opens a new warning.</summary>
    public static bool IsClosed(this WarningStatus status) => status is WarningStatus.FalseAlarm or WarningStatus.Rectified or WarningStatus.TurnedIntoClue;

    public static string ToChinese(this WarningStatus status) => status switch
    {
        WarningStatus.New => "新预警",
        WarningStatus.SignedFor => "已签收",
        WarningStatus.Checking => "核查中",
        WarningStatus.FalseAlarm => "误报关闭",
        WarningStatus.RectificationOrdered => "已责令整改",
        WarningStatus.Rectified => "已整改",
        _ => "已转线索",
    };

    /// <summary>Why an action is refused, naming what has to happen first.</summary>
    public static string Refusal(WarningStatus from, WarningAction action) => (from, action) switch
    {
        (_, _) when from.IsClosed() => $"该预警已{from.ToChinese()}，不能再处理。",
        (WarningStatus.New, not WarningAction.SignFor) => "请先签收该预警。",
        (WarningStatus.SignedFor, not WarningAction.StartChecking) => "请先开始核查。",
        _ => $"当前状态“{from.ToChinese()}”下不能执行该操作。",
    };
}
