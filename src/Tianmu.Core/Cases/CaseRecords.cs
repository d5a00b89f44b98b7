namespace Tianmu.Cases;

/// <summary>A person assigned to a case: 承办人 (investigator) or the hearing chair.</summary>
public sealed class CaseMember : IAudited
{
    private CaseMember() { }

    public CaseMember(Guid caseId, Guid userId, CaseMemberRole role, string displayName, string? credentialNumber, DateTimeOffset addedAt)
    {
        CaseId = caseId;
        UserId = userId;
        Role = role;
        DisplayName = displayName;
        CredentialNumber = credentialNumber;
        AddedAt = addedAt;
    }

    public Guid CaseId { get; private set; }

    public Guid UserId { get; private set; }

    public CaseMemberRole Role { get; private set; }

    public string DisplayName { get; private set; } = "";

    /// <summary>执法证号 at the time of assignment (art. 42).</summary>
    public string? CredentialNumber { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}

public enum CaseMemberRole
{
    /// <summary>承办人</summary>
    Investigator,

    /// <summary>听证主持人</summary>
    HearingChair,
}

/// <summary>One entry of a case's timeline: an action taken, by whom, when, and what it recorded.</summary>
public sealed class CaseEvent : IAudited
{
    private CaseEvent() { }

    public CaseEvent(Guid id, Guid caseId, string action, CaseStage from, CaseStage to, Guid actorId, string actorName, DateTimeOffset at, string? note, string detailsJson)
    {
        Id = id;
        CaseId = caseId;
        Action = action;
        FromStage = from;
        ToStage = to;
        ActorId = actorId;
        ActorName = actorName;
        At = at;
        Note = note;
        DetailsJson = detailsJson;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>A <see cref="CaseAction"/> name, or "Accept" for 受理 and "Assign"/"AddEvidence" for the records around the steps.</summary>
    public string Action { get; private set; } = "";

    public CaseStage FromStage { get; private set; }

    public CaseStage ToStage { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string? Note { get; private set; }

    /// <summary>What the step recorded (penalty, review opinion, discussion participants, ground…), as JSON.</summary>
    public string DetailsJson { get; private set; } = "{}";
}

/// <summary>An evidence item the case relies on; placing it also places a legal hold ("case:{id}").</summary>
public sealed class CaseEvidence : IAudited
{
    private CaseEvidence() { }

    public CaseEvidence(Guid caseId, Guid itemId, string addedBy, DateTimeOffset addedAt)
    {
        CaseId = caseId;
        ItemId = itemId;
        AddedBy = addedBy;
        AddedAt = addedAt;
    }

    public Guid CaseId { get; private set; }

    public Guid ItemId { get; private set; }

    public string AddedBy { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>陈述申辩 — what the party said, and the agency's review of it (复核, art. 45).</summary>
public sealed class CaseStatement : IAudited
{
    private CaseStatement() { }

    public CaseStatement(Guid id, Guid caseId, string channel, string text, string recordedBy, DateTimeOffset receivedAt)
    {
        Id = id;
        CaseId = caseId;
        Channel = channel;
        Text = text;
        RecordedBy = recordedBy;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>书面 / 口头 / 门户 — how it reached the agency.</summary>
    public string Channel { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    public string? Review { get; private set; }

    public bool? Accepted { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public void RecordReview(string review, bool accepted, string by, DateTimeOffset at) => (Review, Accepted, ReviewedBy, ReviewedAt) = (review, accepted, by, at);
}
