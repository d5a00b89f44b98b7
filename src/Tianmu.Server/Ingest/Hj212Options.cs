namespace Tianmu.Server.Ingest;

/// <summary>The HJ 212-2017 TCP listener (section Tianmu:Hj212). No port: the listener is off.</summary>
public sealed class Hj212Options
{
    /// <summary>TCP port; 0 picks a free one (tests); absent turns the listener off.</summary>
    public int? Port { get; set; }

    public string Address { get; set; } = "127.0.0.1";

    public int MaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>A connection that sends nothing for this long is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;

    public int MaxDataLength { get; set; } = 4096;

    /// <summary>
    /// Factor code → metric, for devices whose registered parameters use the platform's metric codes
    /// (a parameter may also be registered under the factor code itself). Codes vary by model: verify
    /// them against the device's documentation.
    /// </summary>
    public Dictionary<string, string> Factors { get; set; } = [];
}
