namespace Tianmu.Notifications;

/// <summary>How a call to the entity ended (电话告知的结果).</summary>
public enum PhoneCallOutcome
{
    /// <summary>已接通并告知 — the person who answered was told.</summary>
    Informed,

    /// <summary>接通但拒绝沟通 — answered, but the person refused to listen or to pass it on.</summary>
    Refused,

    /// <summary>无人接听.</summary>
    NoAnswer,

    /// <summary>占线、关机或无法接通.</summary>
    Unreachable,

    /// <summary>空号或号码有误 — the number does not reach the entity; its contact details need correcting.</summary>
    WrongNumber,
}

/// <summary>
/// 电话告知 — a call an officer made to an entity and logged (S15/Z16: the entity is told 通过短信、电话或询问).
/// Unlike the outbox's channels nothing is sent by the platform: the record says who called which number when,
/// who answered and what came of it, optionally about one warning or case. The number is personal data:
/// kept encrypted and shown masked.
/// </summary>
public sealed class PhoneCall : IAudited
{
    private PhoneCall() { }

    public PhoneCall(Guid id, PhoneCallSubject subject, PhoneCallFacts facts, string numberCipher, string numberMasked, Guid officerId, string officerName, DateTimeOffset createdAt)
    {
        Id = id;
        EntityId = subject.EntityId;
        AgencyPath = subject.AgencyPath;
        WarningId = subject.WarningId;
        CaseId = subject.CaseId;
        CalledAt = facts.CalledAt;
        AnsweredBy = facts.AnsweredBy;
        Outcome = facts.Outcome;
        Note = facts.Note;
        NumberCipher = numberCipher;
        NumberMasked = numberMasked;
        OfficerId = officerId;
        OfficerName = officerName;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>The entity's agency path when the call was logged, for jurisdiction scoping.</summary>
    public string AgencyPath { get; private set; } = "";

    /// <summary>The warning the call was about (告知提醒、责令整改), if any.</summary>
    public Guid? WarningId { get; private set; }

    /// <summary>The case the call was about, if any.</summary>
    public Guid? CaseId { get; private set; }

    public DateTimeOffset CalledAt { get; private set; }

    /// <summary>The number dialled, encrypted with the personal-data key.</summary>
    [AuditRedacted]
    public string NumberCipher { get; private set; } = "";

    /// <summary>The number masked (138****5678), for lists.</summary>
    public string NumberMasked { get; private set; } = "";

    /// <summary>Who answered, as the officer recorded it (e.g. 负责人 张某); null when nobody did.</summary>
    public string? AnsweredBy { get; private set; }

    public PhoneCallOutcome Outcome { get; private set; }

    /// <summary>What was said or agreed.</summary>
    public string? Note { get; private set; }

    public Guid OfficerId { get; private set; }

    public string OfficerName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Outcomes in which someone picked up, so who it was must be recorded.</summary>
    public static bool Answered(PhoneCallOutcome outcome) => outcome is PhoneCallOutcome.Informed or PhoneCallOutcome.Refused;

    public static string NameOf(PhoneCallOutcome outcome) => outcome switch
    {
        PhoneCallOutcome.Informed => "已接通并告知",
        PhoneCallOutcome.Refused => "接通但拒绝沟通",
        PhoneCallOutcome.NoAnswer => "无人接听",
        PhoneCallOutcome.Unreachable => "占线、关机或无法接通",
        _ => "空号或号码有误",
    };
}

/// <summary>Whom a call was to: the entity, its agency path, and the warning or case it was about.</summary>
public sealed record PhoneCallSubject(Guid EntityId, string AgencyPath, Guid? WarningId, Guid? CaseId);

/// <summary>What the officer recorded about the call.</summary>
public sealed record PhoneCallFacts(DateTimeOffset CalledAt, PhoneCallOutcome Outcome, string? AnsweredBy, string? Note);
