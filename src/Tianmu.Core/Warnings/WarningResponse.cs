namespace Tianmu.Warnings;

/// <summary>How the entity answers a warning (行政处罚法 art. 41: the party is told and may state and defend).</summary>
public enum ResponseKind
{
    /// <summary>确认属实</summary>
    Confirm,

    /// <summary>说明情况</summary>
    Explain,

    /// <summary>陈述申辩/异议</summary>
    Contest,

    /// <summary>已完成整改 — only where a rectification was ordered.</summary>
    RectificationDone,
}

/// <summary>A file the entity attached to its answer, kept in the write-once object store by its SHA-256.</summary>
public sealed record ResponseAttachment(string Name, string Sha256, string ContentType, long SizeBytes);

/// <summary>
/// 相对人回应 — one answer of the entity to one warning: what it says, the files it shows, who sent it
/// and when. Answers are appended, never changed (the table refuses UPDATE and DELETE); a later answer
/// adds to the record rather than replacing an earlier one.
/// </summary>
public sealed class WarningResponse : IAudited
{
    public const int MaxText = 2000;

    private WarningResponse() { }

    public WarningResponse(Guid id, Warning warning, ResponseKind kind, string? text, string attachmentsJson, Guid byUserId, string byName, DateTimeOffset at)
    {
        Id = id;
        WarningId = warning.Id;
        EntityId = warning.EntityId;
        Kind = kind;
        Text = text;
        AttachmentsJson = attachmentsJson;
        ByUserId = byUserId;
        ByName = byName;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid WarningId { get; private set; }

    public Guid EntityId { get; private set; }

    public ResponseKind Kind { get; private set; }

    /// <summary>Required for an explanation or a defence; optional otherwise.</summary>
    public string? Text { get; private set; }

    /// <summary>JSON [{name, sha256, contentType, sizeBytes}].</summary>
    public string AttachmentsJson { get; private set; } = "[]";

    public Guid ByUserId { get; private set; }

    /// <summary>The signer as shown: display name and user name.</summary>
    public string ByName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}

public static class ResponseKinds
{
    public static string ToChinese(this ResponseKind kind) => kind switch
    {
        ResponseKind.Confirm => "确认属实",
        ResponseKind.Explain => "说明情况",
        ResponseKind.Contest => "陈述申辩/异议",
        _ => "已完成整改",
    };

    /// <summary>An explanation or a defence is its text; a confirmation or a report of rectification may stand alone.</summary>
    public static bool NeedsText(this ResponseKind kind) => kind is ResponseKind.Explain or ResponseKind.Contest;
}
