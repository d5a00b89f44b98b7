namespace Tianmu.Ingest.AiEvents;

/// <summary>
/// An event recognised by an edge AI box on one of its cameras (e.g. 吸烟 in a pool hall), with the
/// snapshots and clips the box sent as its evidence. Keyed by the box's own event id, so a box that
/// resends after a lost answer stores the event once.
/// </summary>
public sealed class AiEvent
{
    private readonly List<AiEventMedia> media = [];

    private AiEvent() { }

    public AiEvent(Guid id, Guid deviceId, string externalId, string camera, string type, double confidence, DateTimeOffset occurredAt, bool usable, DateTimeOffset receivedAt)
    {
        Id = id;
        DeviceId = deviceId;
        ExternalId = externalId;
        Camera = camera;
        Type = type;
        Confidence = confidence;
        OccurredAt = occurredAt;
        Usable = usable;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public Guid DeviceId { get; private set; }

    /// <summary>The box's own id for the event.</summary>
    public string ExternalId { get; private set; } = "";

    /// <summary>The box's channel or camera code, e.g. cam1.</summary>
    public string Camera { get; private set; } = "";

    /// <summary>An <see cref="AiEventTypes"/> code.</summary>
    public string Type { get; private set; } = "";

    public double Confidence { get; private set; }

    /// <summary>Device time of the event.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Whether the device could serve as evidence at that time (active, not suspended).</summary>
    public bool Usable { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public IReadOnlyCollection<AiEventMedia> Media => media;

    public void Attach(AiEventMedia item) => media.Add(item);
}

public enum MediaKind
{
    /// <summary>抓拍图片</summary>
    Snapshot,

    /// <summary>短视频</summary>
    Clip,
}

/// <summary>One original attached to an event, kept in the write-once object store under its SHA-256.</summary>
public sealed class AiEventMedia
{
    private AiEventMedia() { }

    public AiEventMedia(Guid eventId, string sha256, MediaKind kind, string contentType, long length)
    {
        EventId = eventId;
        Sha256 = sha256;
        Kind = kind;
        ContentType = contentType;
        SizeBytes = length;
    }

    public Guid EventId { get; private set; }

    public string Sha256 { get; private set; } = "";

    public MediaKind Kind { get; private set; }

    public string ContentType { get; private set; } = "";

    public long SizeBytes { get; private set; }
}
