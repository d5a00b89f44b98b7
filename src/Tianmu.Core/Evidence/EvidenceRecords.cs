namespace Tianmu.Evidence;

/// <summary>
/// 证据审查 — one officer's review of one item (art. 41, S14/Z17): the checklist as it stood (the facts
/// the system found and the officer's own judgement of each point) and the conclusion; appended only,
/// the latest review of an item is the one that counts.
/// </summary>
public sealed class EvidenceReview : IAudited
{
    private EvidenceReview() { }

    public EvidenceReview(Guid id, Guid itemId, bool passed, string? reason, string checklistJson, Guid reviewerId, string reviewerName, DateTimeOffset at)
    {
        Id = id;
        ItemId = itemId;
        Passed = passed;
        Reason = reason;
        ChecklistJson = checklistJson;
        ReviewerId = reviewerId;
        ReviewerName = reviewerName;
        ReviewedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public bool Passed { get; private set; }

    /// <summary>Required when the item fails: why it cannot be relied on.</summary>
    public string? Reason { get; private set; }

    /// <summary>The <see cref="ReviewChecklist"/> as JSON.</summary>
    public string ChecklistJson { get; private set; } = "{}";

    public Guid ReviewerId { get; private set; }

    public string ReviewerName { get; private set; } = "";

    public DateTimeOffset ReviewedAt { get; private set; }
}

/// <summary>One line of the chain of custody: who did what with an item, when, why and with what outcome.</summary>
public sealed class EvidenceAccess
{
    private EvidenceAccess() { }

    public EvidenceAccess(Guid itemId, AccessAction action, string? reason, AccessOutcome outcome, Guid? userId, string userName, DateTimeOffset at)
    {
        ItemId = itemId;
        Action = action;
        Reason = reason;
        Outcome = outcome;
        UserId = userId;
        UserName = userName;
        At = at.ToUniversalTime();
    }

    public long Id { get; private set; }

    public Guid ItemId { get; private set; }

    public AccessAction Action { get; private set; }

    public string? Reason { get; private set; }

    public AccessOutcome Outcome { get; private set; }

    public Guid? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}

public enum AccessAction
{
    /// <summary>查看</summary>
    View,

    /// <summary>下载</summary>
    Download,

    /// <summary>导出</summary>
    Export,

    /// <summary>审查</summary>
    Review,
}

public enum AccessOutcome
{
    /// <summary>已提供</summary>
    Served,

    /// <summary>内容与哈希不符，拒绝提供</summary>
    Tampered,

    /// <summary>已过保存期限，原件已删除</summary>
    Expired,
}

/// <summary>
/// 证据保全 — a legal hold on an item, e.g. by a case (<see cref="Holder"/> = <c>case:{id}</c>). While any
/// hold is in force the item never expires; once released (the case file archived) the item is kept at
/// least until <see cref="RetainUntil"/>, the archive's retention. Released once, never removed.
/// </summary>
public sealed class EvidenceHold : IAudited
{
    private EvidenceHold() { }

    public EvidenceHold(Guid id, Guid itemId, string holder, string reason, string placedBy, DateTimeOffset at)
    {
        Id = id;
        ItemId = itemId;
        Holder = holder;
        Reason = reason;
        PlacedBy = placedBy;
        PlacedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public string Holder { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string PlacedBy { get; private set; } = "";

    public DateTimeOffset PlacedAt { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public string? ReleasedBy { get; private set; }

    public DateTimeOffset? RetainUntil { get; private set; }

    public bool InForce => ReleasedAt is null;

    public bool Release(string by, DateTimeOffset at, DateTimeOffset retainUntil)
    {
        if (ReleasedAt is not null)
        {
            return false;
        }

        ReleasedAt = at.ToUniversalTime();
        ReleasedBy = by;
        RetainUntil = retainUntil.ToUniversalTime();
        return true;
    }
}
