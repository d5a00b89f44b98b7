namespace Tianmu.Clues;

public enum ClueStatus
{
    /// <summary>已接收 — waiting for an officer to sign for it.</summary>
    Received,

    /// <summary>已签收 — an officer is handling it.</summary>
    Accepted,

    /// <summary>已办结 — handled, with the result fed back.</summary>
    Handled,
}

/// <summary>
/// 省级平台推送线索 — non-site enforcement information pushed by the provincial platform (Z8), to be
/// handled within its time limit. It is routed to the agency of the entity it names; a clue not
/// handled by its deadline is escalated to that agency's head (accountability, S18/Z21).
/// </summary>
public sealed class ProvincialClue : IAudited
{
    private ProvincialClue() { }

    public ProvincialClue(Guid id, Guid clientId, string externalId, ClueContent content, Guid agencyId, string agencyPath, Guid? entityId, DateTimeOffset receivedAt, DateTimeOffset deadline)
    {
        Id = id;
        ClientId = clientId;
        ExternalId = externalId;
        Title = content.Title;
        Content = content.Body;
        EntityName = content.EntityName;
        CreditCode = content.CreditCode;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        EntityId = entityId;
        ReceivedAt = receivedAt;
        Deadline = deadline;
        Status = ClueStatus.Received;
    }

    public Guid Id { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The platform's own id for the clue; a repeated push is recognised by it.</summary>
    public string ExternalId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Content { get; private set; } = "";

    public string? EntityName { get; private set; }

    public string? CreditCode { get; private set; }

    public Guid? EntityId { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public ClueStatus Status { get; private set; }

    public string? AcceptedBy { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? Result { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    /// <summary>Set when the deadline passed unhandled and the agency head was made responsible.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public bool Accept(string by, DateTimeOffset at)
    {
        if (Status != ClueStatus.Received)
        {
            return false;
        }

        (Status, AcceptedBy, AcceptedAt) = (ClueStatus.Accepted, by, at);
        return true;
    }

    public bool Handle(string result, string by, DateTimeOffset at)
    {
        if (Status != ClueStatus.Accepted)
        {
            return false;
        }

        (Status, Result, HandledBy, HandledAt) = (ClueStatus.Handled, result, by, at);
        return true;
    }

    public bool IsOverdue(DateTimeOffset now) => Status != ClueStatus.Handled && now > Deadline;

    public void Escalate(DateTimeOffset at) => EscalatedAt ??= at;
}

public sealed record ClueContent(string Title, string Body, string? EntityName, string? CreditCode);

/// <summary>
/// The handling time limit of a pushed clue. Z8 requires handling "within the prescribed limit"
/// without fixing one, so the platform's own deadline or limit (in working days) governs; without
/// either, <see cref="DefaultWorkingDays"/> applies — a platform decision, configurable here.
/// </summary>
public static class ClueTimeLimit
{
    public const int DefaultWorkingDays = 5;

    public const int MaxWorkingDays = 60;
}

public static class ClueStatuses
{
    public static string ToChinese(this ClueStatus status) => status switch
    {
        ClueStatus.Received => "待签收",
        ClueStatus.Accepted => "办理中",
        _ => "已办结",
    };
}
