using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tianmu.Ingest.Hj212;
using Tianmu.Server.Tests.Support;
using Tianmu.Tests.Support;
using Xunit.Abstractions;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>
/// Issue 4: "many idle, slow and garbage-sending connections on the HJ 212 port while a normal device
/// keeps reporting — its data keeps flowing and server memory stays bounded". The real server runs as
/// its own process so its resident memory can be read; hostile hosts are modelled by binding client
/// sockets to other loopback addresses (127.0.0.x).
/// </summary>
public sealed class Hj212HostileClientTests(ITestOutputHelper output)
{
    private const int PerAddress = 20;
    private const int GoodPackets = 60;
    private const long MemoryBound = 150L * 1024 * 1024;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ANormalDeviceKeepsReportingThroughAFloodOfHostileConnectionsAndMemoryStaysBounded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dataDir = Directory.CreateTempSubdirectory("tianmu-hostile-").FullName;
        await using var server = await ServerProcess.StartAsync(database, dataDir,
            $"--Tianmu:Hj212:MaxConnectionsPerAddress={PerAddress}", "--Tianmu:Hj212:IdleTimeoutSeconds=300", "--Tianmu:Hj212:PacketTimeoutSeconds=5");
        Guid device;
        await using (var db = database.Context())
        {
            device = await Hj212Client.RegisterAsync(db, "SDJNHOSTILE1");
        }

        var origin = DateTimeOffset.UtcNow.AddHours(-1);
        using var good = await Hj212Client.ConnectAsync(server.Hj212Port);
        await AcknowledgedAsync(good, 0, origin); // warm: first packet, first insert
        var baseline = server.ResidentBytes();
        var peak = baseline;

        using var stop = new CancellationTokenSource();
        var flood = new Flood(server.Hj212Port, stop.Token);
        var hosts = Enumerable.Range(2, 12).Select(h => IPAddress.Parse($"127.0.0.{h}")).ToList();
        var idle = hosts.SelectMany(h => Enumerable.Range(0, 8).Select(_ => flood.IdleAsync(h))).ToList();
        var loris = hosts.SelectMany(h => Enumerable.Range(0, 4).Select(_ => flood.SlowLorisAsync(h))).ToList();
        var senders = hosts.SelectMany(h => Enumerable.Range(0, 3).Select(_ => flood.GarbageAsync(h)).Concat(Enumerable.Range(0, 2).Select(_ => flood.OversizeAsync(h)))).ToList();
        var churn = Enumerable.Range(40, 2).SelectMany(h => Enumerable.Range(0, 2).Select(_ => flood.OpenAndCloseAsync(IPAddress.Parse($"127.0.0.{h}")))).ToList();

        // One more than the limit from one address, held open: exactly one is closed on arrival.
        var limited = IPAddress.Parse("127.0.0.50");
        var crowd = new List<TcpClient>();
        for (var i = 0; i <= PerAddress; i++)
        {
            crowd.Add(await Hj212Client.ConnectAsync(server.Hj212Port, limited));
        }

        var crowdClosed = Task.WhenAll(crowd.Select(c => Hj212Client.ClosedByServerAsync(c, Generous)));

        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                await Task.Delay(100);
            }
        });

        // The normal device reports every 200 ms through all of it; every packet must be acknowledged.
        for (var i = 1; i <= GoodPackets; i++)
        {
            await Task.Delay(200);
            await AcknowledgedAsync(good, i, origin);
        }

        // Every slow-loris connection is closed by the packet deadline (5 s; the idle timeout is 300 s).
        var lorisClosed = await Task.WhenAll(loris).WaitAsync(TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await Task.WhenAll(idle.Concat(senders).Concat(churn));
        await sampling;
        var closedInCrowd = (await crowdClosed).Count(c => c);
        crowd.ForEach(c => c.Dispose());

        output.WriteLine($"hostile: {idle.Count} idle, {loris.Count} slow-loris, {flood.GarbageConnections} garbage/oversize connections ({flood.GarbageBytes / 1024 / 1024} MB sent), {flood.ChurnConnections} open-and-close");
        output.WriteLine($"server memory: {baseline / 1024 / 1024} MB before, peak {peak / 1024 / 1024} MB, {server.ResidentBytes() / 1024 / 1024} MB after");

        await using (var db = database.Context())
        {
            Assert.Equal((GoodPackets + 1) * 2, await db.Readings.CountAsync(r => r.DeviceId == device)); // ph and w21001 of every packet
        }

        Assert.All(lorisClosed, Assert.True);
        Assert.Equal(1, closedInCrowd);
        Assert.True(flood.GarbageConnections > hosts.Count * 5, $"only {flood.GarbageConnections} garbage connections: the flood did not run");

        // Bounded: 200+ connections need a few MB (a 4 KiB read buffer and at most one 4 KiB packet
        // each). Measured growth is ~50 MB, mostly the GC heap settling; 150 MB leaves room
        // for that on a busy machine yet is far below what buffering the flood (300+ MB sent) would take.
        Assert.True(peak - baseline < MemoryBound, $"server memory grew by {(peak - baseline) / 1024 / 1024} MB under the flood");

        // Afterwards the listener takes new connections, also from an address that was flooding.
        using var fresh = await Hj212Client.ConnectAsync(server.Hj212Port);
        await AcknowledgedAsync(fresh, GoodPackets + 1, origin);
        Assert.True(await AcknowledgedFromAsync(server.Hj212Port, hosts[0], GoodPackets + 2, origin));
        Directory.Delete(dataDir, true);
    }

    private static string Packet(int n, DateTimeOffset origin) => Hj212Client.Upload("SDJNHOSTILE1", $"2026112210{n:D7}", origin.AddSeconds(n));

    private static async Task AcknowledgedAsync(TcpClient client, int n, DateTimeOffset origin)
    {
        await client.GetStream().WriteAsync(Hj212Packet.Frame(Packet(n, origin)));
        var reply = await Hj212Client.ReadReplyAsync(client.GetStream(), Generous);
        Assert.True(reply is not null, $"packet {n} was not acknowledged");
        Assert.Equal($"2026112210{n:D7}", Hj212Packet.Parse(reply, out _)!.Fields["CP.QN"]);
    }

    /// <summary>The hosts' connections are released asynchronously as the server sees them close: retry.</summary>
    private static async Task<bool> AcknowledgedFromAsync(int port, IPAddress from, int n, DateTimeOffset origin)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (DateTime.UtcNow < deadline)
        {
            using var client = await Hj212Client.ConnectAsync(port, from);
            await client.GetStream().WriteAsync(Hj212Packet.Frame(Packet(n, origin)));
            if (await Hj212Client.ReadReplyAsync(client.GetStream(), Generous) is not null)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>The hostile clients. Each runs until <c>stop</c>; counters say how much they did.</summary>
    private sealed class Flood(int port, CancellationToken stop)
    {
        private long garbageConnections;
        private long garbageBytes;
        private long churnConnections;

        public long GarbageConnections => Interlocked.Read(ref garbageConnections);

        public long GarbageBytes => Interlocked.Read(ref garbageBytes);

        public long ChurnConnections => Interlocked.Read(ref churnConnections);

        /// <summary>Connects and says nothing.</summary>
        public Task IdleAsync(IPAddress from) => Task.Run(async () =>
        {
            using var client = await Hj212Client.ConnectAsync(port, from);
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        /// <summary>Begins a packet and trickles one byte every half second; true if the server closed it.</summary>
        public Task<bool> SlowLorisAsync(IPAddress from) => Task.Run(async () =>
        {
            using var client = await Hj212Client.ConnectAsync(port, from);
            var closed = Hj212Client.ClosedByServerAsync(client, TimeSpan.FromMinutes(5));
            try
            {
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("##0800QN=2026"), stop);
                while (!closed.IsCompleted && !stop.IsCancellationRequested)
                {
                    await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("1"), stop);
                    await Task.WhenAny(closed, Task.Delay(500, stop));
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // closed under the writer, or the test is over
            }

            return await closed;
        });

        /// <summary>Random bytes, reconnecting whenever the server closes the connection.</summary>
        public Task GarbageAsync(IPAddress from) => SendUntilStoppedAsync(from, _ =>
        {
            var bytes = new byte[4096];
            Random.Shared.NextBytes(bytes);
            return bytes;
        });

        /// <summary>Packets longer than the limit, or of a valid length that never ends in CRLF.</summary>
        public Task OversizeAsync(IPAddress from) => SendUntilStoppedAsync(from, n => Encoding.ASCII.GetBytes((n % 2 == 0 ? "##9999" : "##4000") + new string('A', 8000)));

        public Task OpenAndCloseAsync(IPAddress from) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await Hj212Client.ConnectAsync(port, from);
                    Interlocked.Increment(ref churnConnections);
                }
                catch (SocketException)
                {
                    // refused under the churn: try again
                }

                await Task.Delay(10, CancellationToken.None);
            }
        });

        private Task SendUntilStoppedAsync(IPAddress from, Func<int, byte[]> next) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await Hj212Client.ConnectAsync(port, from);
                    Interlocked.Increment(ref garbageConnections);
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var bytes = next(n);
                        await client.GetStream().WriteAsync(bytes, stop);
                        Interlocked.Add(ref garbageBytes, bytes.Length);
                        await Task.Delay(10, stop);
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // closed by the server: connect again
                }
            }
        });
    }
}
