namespace Tianmu.Server.Ingest;

/// <summary>
/// The HJ 212-2017 TCP listener (section Tianmu:Hj212). No port: the listener is off. The limits
/// bound what one client, or many, can hold: connections, buffered bytes and time.
/// </summary>
public sealed class Hj212Options
{
    /// <summary>TCP port; 0 picks a free one (tests); absent turns the listener off.</summary>
    public int? Port { get; set; }

    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Open connections in all; one more is closed as soon as it is accepted.</summary>
    public int MaxConnections { get; set; } = 1000;

    public int MaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>A connection that delivers no accepted packet for this long is closed, however many other bytes it sends.</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// A packet, once begun, must be complete within this long, and a reply must be taken by the
    /// client within this long; a client that trickles a packet or stops reading is closed.
    /// </summary>
    public int PacketTimeoutSeconds { get; set; } = 30;

    /// <summary>This many bad packets in a row (noise, bad length, CRC, unparseable) close the connection.</summary>
    public int MaxBadPacketsInARow { get; set; } = 10;

    /// <summary>Longest data segment; a connection never buffers more than one such packet and one read.</summary>
    public int MaxDataLength { get; set; } = 4096;

    /// <summary>
    /// Factor code → metric, for devices whose registered parameters use the platform's metric codes
    /// (a parameter may also be registered under the factor code itself). Codes vary by model: verify
    /// them against the device's documentation.
    /// </summary>
    public Dictionary<string, string> Factors { get; set; } = [];
}
