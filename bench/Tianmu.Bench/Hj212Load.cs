using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Ingest.Hj212;
using Tianmu.Persistence;
using Tianmu.Security;

namespace Tianmu.Bench;

/// <summary>
/// HJ 212 devices over TCP, each on its own connection from its own loopback address (127.0.1.x, as
/// separate sites), sending CN=2011 real-time packets with four factors and waiting for each 9014
/// acknowledgement before the next, as a device does. The server commits each packet before it
/// acknowledges it. Packets are built before the clock starts.
/// </summary>
public static class Hj212Load
{
    private const string Password = "bench212";
    private const int PacketsPerDevice = 2000;

    private static readonly (string Code, double Value, decimal Max)[] Factors = [("w01001", 7.21, 14m), ("w21001", 0.62, 5m), ("w01003", 0.4, 100m), ("w01010", 18.5, 50m)];

    public static async Task<IngestLoad> RunAsync(BenchServer server, DatabaseSettings settings, string key, int devices, int seconds)
    {
        var (ids, mns) = await DevicesAsync(settings, key, devices);
        var origin = DateTimeOffset.UtcNow.AddDays(-2);
        origin = new DateTimeOffset(origin.UtcTicks - (origin.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero); // HJ 212 times are whole seconds
        var packets = mns.Select(mn => Enumerable.Range(0, PacketsPerDevice).Select(k => Hj212Packet.Frame(Upload(mn, k, origin.AddSeconds(k)))).ToArray()).ToList();
        var clients = new List<TcpClient>();
        for (var i = 0; i < devices; i++)
        {
            var client = new TcpClient(new IPEndPoint(IPAddress.Parse($"127.0.1.{(i % 254) + 1}"), 0));
            await client.ConnectAsync(IPAddress.Loopback, server.Hj212Port);
            clients.Add(client);
        }

        var acknowledgedPackets = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var memory = server.PeakMemoryAsync(stop.Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var stream = client.GetStream();
            var framer = new Hj212Framer();
            var buffer = new byte[1024];
            try
            {
                for (var k = 0; !stop.IsCancellationRequested && k < PacketsPerDevice; k++)
                {
                    await stream.WriteAsync(packets[i][k], stop.Token);
                    while (!framer.Push(buffer.AsSpan(0, await ReadAsync(stream, buffer, stop.Token))).Any(f => f.IsValid))
                    {
                    }

                    Interlocked.Increment(ref acknowledgedPackets);
                }
            }
            catch (OperationCanceledException)
            {
                // time is up: a packet in flight is not counted
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        clients.ForEach(c => c.Dispose());

        var acknowledged = acknowledgedPackets * Factors.Length;
        await using var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext();
        var stored = await db.Readings.LongCountAsync(r => ids.Contains(r.DeviceId));
        if (stored < acknowledged)
        {
            throw new InvalidOperationException($"only {stored:N0} of {acknowledged:N0} acknowledged HJ 212 readings are stored");
        }

        var note = acknowledgedPackets >= (long)devices * PacketsPerDevice ? "every prepared packet was sent before the time was up; the rate is over the shorter time" : null;
        return new IngestLoad($"HJ 212, {devices} devices, CN=2011 with {Factors.Length} factors", Factors.Length, acknowledged, elapsed, await memory,
            $"{acknowledgedPackets / elapsed:N0} packets/s acknowledged; {stored:N0} readings in the database (≥ acknowledged: checked)" + (note is null ? "" : "; " + note));
    }

    private static async Task<int> ReadAsync(NetworkStream stream, byte[] buffer, CancellationToken ct)
    {
        var n = await stream.ReadAsync(buffer, ct);
        return n > 0 ? n : throw new InvalidOperationException("the server closed a device connection");
    }

    private static string Upload(string mn, int k, DateTimeOffset at) =>
        $"QN={at.ToOffset(TimeSpan.FromHours(8)):yyyyMMddHHmmss}{k % 1000:D3};ST=32;CN=2011;PW={Password};MN={mn};Flag=5;CP=&&DataTime={at.ToOffset(TimeSpan.FromHours(8)):yyyyMMddHHmmss};"
        + string.Join(';', Factors.Select(f => $"{f.Code}-Rtd={f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)},{f.Code}-Flag=N")) + "&&";

    private static async Task<(List<Guid> Ids, List<string> Mns)> DevicesAsync(DatabaseSettings settings, string key, int count)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(key));
        await using var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext();
        var entities = await db.Entities.OrderBy(e => e.Name).ToListAsync();
        var ids = new List<Guid>();
        var mns = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var mn = $"BENCH212{i:D6}";
            var device = new Device(Guid.CreateVersion7(), entities[i % entities.Count], new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", mn, false, DeviceProtocol.Hj212,
                mn, protector.Protect(Password), Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
                [.. Factors.Select(f => new ParameterSpec(f.Code, f.Code, "", 0, f.Max, null, null))]), DateTimeOffset.UtcNow);
            db.Devices.Add(device);
            ids.Add(device.Id);
            mns.Add(mn);
        }

        await db.SaveChangesAsync();
        return (ids, mns);
    }
}
