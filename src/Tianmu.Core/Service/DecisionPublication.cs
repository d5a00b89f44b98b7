namespace Tianmu.Service;

/// <summary>What became of a published decision that obliges its withdrawal (行政处罚法第四十八条第二款).</summary>
public enum DecisionChange
{
    /// <summary>依法变更</summary>
    Changed,

    /// <summary>依法撤销</summary>
    Revoked,

    /// <summary>确认违法</summary>
    DeclaredIllegal,

    /// <summary>确认无效</summary>
    DeclaredVoid,
}

/// <summary>
/// 行政处罚决定信息公开 — a penalty decision published on the agency's public page (行政处罚法第四十八条), with the
/// natural person's personal data masked. When the decision is changed, revoked, declared illegal or void, the
/// information is withdrawn within three working days with the reason stated: the public page then shows the
/// withdrawal notice instead of the content.
/// </summary>
public sealed class DecisionPublication : IAudited
{
    private DecisionPublication() { }

    public DecisionPublication(Guid id, PublishedDecision decision, string publishedBy, DateTimeOffset publishedAt)
    {
        Id = id;
        DocumentId = decision.DocumentId;
        CaseId = decision.CaseId;
        EntityId = decision.EntityId;
        AgencyId = decision.AgencyId;
        AgencyPath = decision.AgencyPath;
        AgencyName = decision.AgencyName;
        Number = decision.Number;
        Party = decision.Party;
        Content = decision.Content;
        DecidedOn = decision.DecidedOn;
        PublishedBy = publishedBy;
        PublishedAt = publishedAt;
    }

    public Guid Id { get; private set; }

    public Guid DocumentId { get; private set; }

    public Guid? CaseId { get; private set; }

    public Guid EntityId { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public string AgencyName { get; private set; } = "";

    /// <summary>决定书文号.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The party as published: an organisation's name, a natural person's masked (张**).</summary>
    public string Party { get; private set; } = "";

    /// <summary>The published text: facts, basis, penalty — personal data of natural persons masked.</summary>
    public string Content { get; private set; } = "";

    public DateOnly DecidedOn { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The day the decision was changed or revoked (from which the three working days run).</summary>
    public DateOnly? ChangedOn { get; private set; }

    public DecisionChange? Change { get; private set; }

    /// <summary>The last day to withdraw (three working days after <see cref="ChangedOn"/>).</summary>
    public DateOnly? WithdrawBy { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnBy { get; private set; }

    /// <summary>The reason stated publicly (公开说明理由).</summary>
    public string? WithdrawalReason { get; private set; }

    public bool Withdrawn => WithdrawnAt is not null;

    /// <summary>Records that the decision changed; the withdrawal deadline runs from then. False once withdrawn.</summary>
    public bool RecordChange(DecisionChange change, DateOnly on, DateOnly withdrawBy)
    {
        if (Withdrawn)
        {
            return false;
        }

        (Change, ChangedOn, WithdrawBy) = (change, on, withdrawBy);
        return true;
    }

    public bool Withdraw(string reason, string by, DateTimeOffset at)
    {
        if (Withdrawn || Change is null)
        {
            return false;
        }

        (WithdrawalReason, WithdrawnBy, WithdrawnAt) = (reason, by, at);
        return true;
    }
}

/// <summary>What is published of a decision.</summary>
public sealed record PublishedDecision(
    Guid DocumentId, Guid? CaseId, Guid EntityId, Guid AgencyId, string AgencyPath, string AgencyName, string Number, string Party, string Content, DateOnly DecidedOn);
