namespace Tianmu.Devices;

/// <summary>
/// The reference view of one camera of a device, against which every later snapshot is judged
/// (obstructed, blurred, moved — S6/Z12). Taken from the first clear snapshot; an officer resets it
/// after a lawful change of view, and who did so is kept.
/// </summary>
public sealed class CameraBaselineRecord : IAudited
{
    private CameraBaselineRecord() { }

    public CameraBaselineRecord(Guid deviceId, string camera, string baseline, string sourceSha256, DateTimeOffset setAt, string setBy)
    {
        DeviceId = deviceId;
        Camera = camera;
        Reset(baseline, sourceSha256, setAt, setBy);
    }

    public Guid DeviceId { get; private set; }

    public string Camera { get; private set; } = "";

    /// <summary>The serialised baseline (small grey frame and its measures); kept out of the audit trail as bulk — the source hash identifies it.</summary>
    [AuditRedacted]
    public string Baseline { get; private set; } = "";

    /// <summary>The snapshot it was taken from, in the object store.</summary>
    public string SourceSha256 { get; private set; } = "";

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    public void Reset(string baseline, string sourceSha256, DateTimeOffset setAt, string setBy)
    {
        Baseline = baseline;
        SourceSha256 = sourceSha256;
        SetAt = setAt;
        SetBy = setBy;
    }
}
