namespace Tianmu.Ingest;

/// <summary>
/// One measured value as a device reported it. <see cref="Usable"/> is the evidence verdict for the
/// device at <see cref="DeviceTime"/> (active, calibrated) combined with the data flag: a reading
/// flagged as maintenance, calibration or fault may raise a device warning but never a violation.
/// </summary>
public sealed class Reading
{
    private Reading() { }

    public Reading(Guid deviceId, string metric, DateTimeOffset deviceTime, double value, string quality, bool usable, DateTimeOffset receivedAt)
    {
        DeviceId = deviceId;
        Metric = metric;
        DeviceTime = ToMicroseconds(deviceTime);
        Value = value;
        Quality = quality;
        Usable = usable;
        ReceivedAt = receivedAt;
    }

    public Guid DeviceId { get; private set; }

    public string Metric { get; private set; } = "";

    public DateTimeOffset DeviceTime { get; private set; }

    public double Value { get; private set; }

    /// <summary>HJ 212 data flag: N normal; M maintenance, C calibration, D fault, F stopped, S manual, T over range, B link fault.</summary>
    public string Quality { get; private set; } = "N";

    public bool Usable { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>
    /// Device time in UTC, to the microsecond: PostgreSQL keeps no finer, so both databases key the
    /// same reading identically and a resent reading is recognised on either.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}

public static class DataFlags
{
    /// <summary>HJ 212-2017 data flags and their meaning.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["N"] = "正常",
        ["F"] = "停运",
        ["M"] = "维护",
        ["S"] = "手工输入",
        ["D"] = "故障",
        ["C"] = "校准",
        ["T"] = "超测上限",
        ["B"] = "通讯异常",
    };

    /// <summary>Only normally measured values can support a finding of violation.</summary>
    public static bool IsEvidence(string flag) => flag == "N";
}
