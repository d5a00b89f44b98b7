using System.Globalization;
using System.Net.Sockets;
using Tianmu.Ingest.Hj212;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>
/// A device speaking HJ 212-2017 over its own TCP connection: CN 2011 real-time data live, CN 2051
/// minute data for history, each packet asking for the 9014 acknowledgement (Flag=5) and waiting for it.
/// </summary>
public sealed class Hj212Device(string name, string host, int port, string mn, string pw, DeviceSignal signal, double lateShare, Action<string> log)
    : DeviceSource(name, signal, lateShare, log), IAsyncDisposable
{
    /// <summary>HJ 212-2017 factor codes of the metrics that have one; others go under the metric code the device registered.</summary>
    public static readonly IReadOnlyDictionary<string, string> FactorCodes = new Dictionary<string, string>
    {
        ["ph"] = "w01001",
        ["turbidity"] = "w01003",
        ["water_temperature"] = "w01010",
    };

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(10);
    private TcpClient? client;
    private Hj212Framer framer = new();

    public static string Packet(string mn, string pw, string system, DateTimeOffset time, IReadOnlyList<Sample> samples, bool history, DateTimeOffset sentAt)
    {
        var (cn, value) = history ? ("2051", "Avg") : ("2011", "Rtd");
        var factors = string.Join(';', samples.Select(s =>
            $"{FactorCodes.GetValueOrDefault(s.Metric, s.Metric)}-{value}={s.Value.ToString(CultureInfo.InvariantCulture)},{FactorCodes.GetValueOrDefault(s.Metric, s.Metric)}-Flag=N"));
        return $"QN={sentAt.ToOffset(Cst):yyyyMMddHHmmssfff};ST={system};CN={cn};PW={pw};MN={mn};Flag=5;CP=&&DataTime={time.ToOffset(Cst):yyyyMMddHHmmss};{factors}&&";
    }

    protected override async Task<int> SendAsync(IReadOnlyList<Timed> readings, bool history, CancellationToken ct)
    {
        var stored = 0;
        var system = Signal.Kind == SiteKind.IndoorAir ? "22" : "21"; // HJ 212 system codes: 21 water quality, 22 air quality
        try
        {
            foreach (var r in readings)
            {
                var stream = await StreamAsync(ct);
                await stream.WriteAsync(Hj212Packet.Frame(Packet(mn, pw, system, r.Time, r.Samples, history, DateTimeOffset.UtcNow)), ct);
                if (!await AcknowledgedAsync(stream, ct))
                {
                    throw new InvalidOperationException($"MN {mn} 未收到 9014 应答（MN/PW 是否正确？）");
                }

                stored += r.Samples.Count;
            }

            return stored;
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            await DropAsync(); // the next send opens a new connection
            throw;
        }
    }

    protected override Task SilenceChangedAsync(bool silent) => silent ? DropAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task<NetworkStream> StreamAsync(CancellationToken ct)
    {
        if (client is not { Connected: true })
        {
            await DropAsync();
            client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(host, port, ct);
            framer = new Hj212Framer();
        }

        return client.GetStream();
    }

    private async Task<bool> AcknowledgedAsync(NetworkStream stream, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(AckWait);
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, wait.Token);
                if (n == 0)
                {
                    return false;
                }

                if (framer.Push(buffer.AsSpan(0, n)).Any(f => f.IsValid && f.Data!.Contains("CN=9014", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private Task DropAsync()
    {
        client?.Dispose();
        client = null;
        return Task.CompletedTask;
    }
}
