using Tianmu.Warnings.Rules;

namespace Tianmu.Warnings;

/// <summary>
/// 预警 — one episode of one rule on one device (or entity, for self-report rules). It keeps the
/// rule as it was (pack, version, code, clause) and the exact samples that raised it, so it can be
/// re-derived; a continuing or recurring violation extends the open warning instead of raising
/// another, so one matter is handled once. Only one warning per rule and subject is open at a time
/// (a partial unique index enforces it across nodes); after it is closed, a new episode raises anew.
/// </summary>
public sealed class Warning : IAudited
{
    private Warning() { }

    public Warning(Guid id, RaisedBy rule, WarningSubject subject, Episode episode, DateTimeOffset now)
    {
        Id = id;
        PackCode = rule.Pack.Code;
        PackVersion = rule.Pack.Version;
        RuleCode = rule.Rule.Code;
        RuleName = rule.Rule.Name;
        Clause = rule.Rule.Clause;
        Category = rule.Rule.Category;
        Severity = rule.Rule.Severity;
        Metric = rule.Rule.Metric;
        DeviceId = subject.DeviceId;
        EntityId = subject.EntityId;
        AgencyId = subject.AgencyId;
        AgencyPath = subject.AgencyPath;
        EpisodeStart = episode.Start;
        Status = WarningStatus.New;
        CreatedAt = now;
        RespondBy = now + ResponseLimits.SignForWithin(rule.Rule.Severity);
        RaisedAt = episode.RaisedAt;
        Summary = episode.Summary;
        EvidenceJson = System.Text.Json.JsonSerializer.Serialize(episode.Evidence.Select(s => new { t = s.Time, v = s.Value, u = s.Usable, r = s.Source }), EvidenceFormat);
        Extend(episode.End, now);
    }

    private static readonly System.Text.Json.JsonSerializerOptions EvidenceFormat =
        new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public Guid Id { get; private set; }

    public string PackCode { get; private set; } = "";

    public int PackVersion { get; private set; }

    public string RuleCode { get; private set; } = "";

    public string RuleName { get; private set; } = "";

    public string Clause { get; private set; } = "";

    public WarningCategory Category { get; private set; }

    public Severity Severity { get; private set; }

    public string? Metric { get; private set; }

    public Guid? DeviceId { get; private set; }

    public Guid EntityId { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public DateTimeOffset EpisodeStart { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>Null while the condition continues.</summary>
    public DateTimeOffset? EpisodeEnd { get; private set; }

    public string Summary { get; private set; } = "";

    /// <summary>The samples that raised the warning, as JSON [{t, v, u, r?}] (r: the event or report a sample came from).</summary>
    public string EvidenceJson { get; private set; } = "[]";

    public WarningStatus Status { get; private set; }

    /// <summary>True until closed; the partial unique index (rule, device) WHERE is_open holds one open warning each.</summary>
    public bool IsOpen { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>Sign for it by then, or it is escalated to the agency head.</summary>
    public DateTimeOffset RespondBy { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public string? HandledBy { get; private set; }

    public string? Note { get; private set; }

    public DateOnly? RectifyBy { get; private set; }

    /// <summary>When an officer signed for it (签收), against <see cref="RespondBy"/>.</summary>
    public DateTimeOffset? SignedForAt { get; private set; }

    /// <summary>The officer handling it: whoever signed for it, or whom the agency head assigned.</summary>
    public Guid? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>When the entity last answered it (陈述、申辩 or a report); the answers are <see cref="WarningResponse"/>s.</summary>
    public DateTimeOffset? LastResponseAt { get; private set; }

    /// <summary>When anything a reader sees last changed; the live board's cursor (indexed).</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>Counts the visible changes, so a reader can tell two changes within one clock tick apart.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// The condition continues, recurs or has ended (<paramref name="end"/>) while the warning is open.
    /// The evidence that raised the warning is never replaced.
    /// </summary>
    public void Extend(DateTimeOffset? end, DateTimeOffset now)
    {
        if (end != EpisodeEnd || Revision == 0)
        {
            Touch(now); // a continuing episode re-confirmed each second is no news for the board
        }

        EpisodeEnd = end;
        LastSeenAt = now;
    }

    /// <summary>Moves the warning on; false when the lifecycle forbids the step.</summary>
    public bool Apply(WarningAction action, string by, DateTimeOffset at, string? note = null, DateOnly? rectifyBy = null)
    {
        if (WarningLifecycle.Next(Status, action) is not { } next)
        {
            return false;
        }

        Status = next;
        IsOpen = !next.IsClosed();
        HandledBy = by;
        Note = note ?? Note;
        RectifyBy = rectifyBy ?? RectifyBy;
        SignedForAt = action == WarningAction.SignFor ? at : SignedForAt;
        UpdatedAt = at;
        Touch(at);
        return true;
    }

    public void AssignTo(Guid officerId, string name, DateTimeOffset at)
    {
        AssigneeId = officerId;
        AssigneeName = name;
        UpdatedAt = at;
        Touch(at);
    }

    public void Escalate(DateTimeOffset at)
    {
        if (EscalatedAt is null)
        {
            EscalatedAt = at;
            Touch(at);
        }
    }

    /// <summary>The entity answered; the answer itself does not move the warning on — officers decide.</summary>
    public void Answered(DateTimeOffset at)
    {
        LastResponseAt = at;
        Touch(at);
    }

    private void Touch(DateTimeOffset at)
    {
        ChangedAt = at;
        Revision++;
    }
}

/// <summary>The rule that raised a warning, with its pack (for code and version).</summary>
public sealed record RaisedBy(RulePack Pack, RuleDefinition Rule);

/// <summary>What a warning is about: the device (if any), its entity and the entity's agency.</summary>
public sealed record WarningSubject(Guid? DeviceId, Guid EntityId, Guid AgencyId, string AgencyPath);
