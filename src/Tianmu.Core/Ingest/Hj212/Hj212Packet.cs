using System.Globalization;
using System.Text;

namespace Tianmu.Ingest.Hj212;

/// <summary>One factor's values in a CP segment, e.g. <c>w01018-Rtd=12.3,w01018-Flag=N</c>.</summary>
public sealed record Hj212Factor(string Code, IReadOnlyDictionary<string, string> Values)
{
    public double? Number(string name) =>
        Values.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    public string Flag => Values.TryGetValue("Flag", out var f) ? f : "N";
}

/// <summary>
/// A parsed HJ 212-2017 data segment: <c>QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&amp;&amp;…&amp;&amp;</c>.
/// CN 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data; 9011/9012/9014 responses.
/// </summary>
public sealed record Hj212Packet(
    string? Qn, string? St, string Cn, string? Pw, string? Mn, int Flag, DateTimeOffset? DataTime, IReadOnlyList<Hj212Factor> Factors, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The China Standard Time offset HJ 212 timestamps are written in.</summary>
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static readonly IReadOnlySet<string> DataCommands = new HashSet<string> { "2011", "2051", "2061", "2031" };

    /// <summary>Flag bit A: the sender asks for an answer.</summary>
    public bool WantsAcknowledgement => (Flag & 1) == 1;

    public static Hj212Packet? Parse(string data, out string? error)
    {
        error = null;
        var cpStart = data.IndexOf("CP=&&", StringComparison.Ordinal);
        var cpEnd = data.LastIndexOf("&&", StringComparison.Ordinal);
        if (cpStart < 0 || cpEnd <= cpStart + 3)
        {
            error = "缺少 CP=&&…&& 段";
            return null;
        }

        var fields = data[..cpStart].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("CN", out var cn))
        {
            error = "缺少 CN";
            return null;
        }

        _ = int.TryParse(fields.GetValueOrDefault("Flag"), NumberStyles.None, CultureInfo.InvariantCulture, out var flag);
        DateTimeOffset? dataTime = null;
        var factors = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var group in data[(cpStart + 5)..cpEnd].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var pair in group.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                if (kv[0] == "DataTime")
                {
                    dataTime = DateTime.TryParseExact(kv[1], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? new DateTimeOffset(t, Cst) : null;
                    continue;
                }

                var dash = kv[0].LastIndexOf('-');
                if (dash <= 0)
                {
                    fields.TryAdd("CP." + kv[0], kv[1]);
                    continue;
                }

                var code = kv[0][..dash];
                if (!factors.TryGetValue(code, out var values))
                {
                    factors[code] = values = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                values[kv[0][(dash + 1)..]] = kv[1];
            }
        }

        return new Hj212Packet(fields.GetValueOrDefault("QN"), fields.GetValueOrDefault("ST"), cn, fields.GetValueOrDefault("PW"), fields.GetValueOrDefault("MN"),
            flag, dataTime, [.. factors.Select(f => new Hj212Factor(f.Key, f.Value))], fields);
    }

    /// <summary>A whole packet on the wire: <c>##</c> + length + data + CRC + CRLF.</summary>
    public static byte[] Frame(string data)
    {
        var bytes = Encoding.ASCII.GetBytes(data);
        return Encoding.ASCII.GetBytes($"##{bytes.Length:D4}{data}{Hj212Crc.Compute(bytes):X4}\r\n");
    }

    /// <summary>The 9014 data acknowledgement (数据应答) for this packet.</summary>
    public string Acknowledgement(DateTimeOffset now) =>
        $"QN={now.ToOffset(Cst):yyyyMMddHHmmssfff};ST=91;CN=9014;PW={Pw};MN={Mn};Flag=4;CP=&&QN={Qn};ExeRtn=1&&";
}
