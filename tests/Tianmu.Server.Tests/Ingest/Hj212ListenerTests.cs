using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Ingest.Hj212;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>A server whose HJ 212 connections time out after two seconds without an accepted packet.</summary>
public sealed class Hj212App : TianmuApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Tianmu:Hj212:IdleTimeoutSeconds", "2");
}

/// <summary>HJ 212-2017 over real TCP: framing across reads, MN/PW, acknowledgements, and hostile neighbours.</summary>
public sealed class Hj212ListenerTests(Hj212App app) : IClassFixture<Hj212App>
{
    private async Task<(Guid Id, string Mn)> DeviceAsync(string mn)
    {
        await using var db = app.Db();
        return (await Hj212Client.RegisterAsync(db, mn), mn);
    }

    private async Task<TcpClient> ConnectAsync() => await Hj212Client.ConnectAsync(await app.Services.GetRequiredService<Hj212Listener>().BoundPort);

    private static string Upload(string mn, string qn, DateTimeOffset at, string pw = Hj212Client.Password) => Hj212Client.Upload(mn, qn, at, pw);

    private static Task<string?> ReadReplyAsync(NetworkStream stream, TimeSpan wait) => Hj212Client.ReadReplyAsync(stream, wait);

    private async Task<int> StoredAsync(Guid device)
    {
        await using var db = app.Db();
        return await db.Readings.CountAsync(r => r.DeviceId == device);
    }

    [Fact]
    public async Task APacketSplitAcrossWritesIsStoredAndAcknowledged()
    {
        var (device, mn) = await DeviceAsync("SDJNTEST0001");
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var bytes = Hj212Packet.Frame(Upload(mn, "20261122083000001", DateTimeOffset.UtcNow.AddMinutes(-1)));
        await stream.WriteAsync(bytes.AsMemory(0, 17));
        await Task.Delay(100);
        await stream.WriteAsync(bytes.AsMemory(17));

        var reply = Hj212Packet.Parse((await ReadReplyAsync(stream, TimeSpan.FromSeconds(10)))!, out _)!;
        Assert.Equal("9014", reply.Cn);
        Assert.Equal("20261122083000001", reply.Fields["CP.QN"]);
        // w01001 → ph through the configured factor map, w21001 registered as is, w99999 unknown and skipped.
        Assert.Equal(2, await StoredAsync(device));
    }

    [Fact]
    public async Task CoalescedPacketsAreEachAcknowledged()
    {
        var (device, mn) = await DeviceAsync("SDJNTEST0002");
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var both = Hj212Packet.Frame(Upload(mn, "20261122083000002", DateTimeOffset.UtcNow.AddMinutes(-2)))
            .Concat(Hj212Packet.Frame(Upload(mn, "20261122083000003", DateTimeOffset.UtcNow.AddMinutes(-1)))).ToArray();
        await stream.WriteAsync(both);
        var framer = new Hj212Framer();
        var replies = new List<string>();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (replies.Count < 2)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            replies.AddRange(framer.Push(buffer.AsSpan(0, n)).Where(f => f.IsValid).Select(f => f.Data!));
        }

        Assert.Equal(["20261122083000002", "20261122083000003"], replies.Select(r => Hj212Packet.Parse(r, out _)!.Fields["CP.QN"]));
        Assert.Equal(4, await StoredAsync(device));
    }

    [Fact]
    public async Task AWrongPasswordStoresNothingAndThreeFailuresCloseTheConnection()
    {
        var (device, mn) = await DeviceAsync("SDJNTEST0003");
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        for (var i = 0; i < 3; i++)
        {
            await stream.WriteAsync(Hj212Packet.Frame(Upload(mn, $"2026112208300001{i}", DateTimeOffset.UtcNow.AddMinutes(-i - 1), pw: "000000")));
        }

        Assert.Null(await ReadReplyAsync(stream, TimeSpan.FromSeconds(5))); // no acknowledgement, then closed
        Assert.Equal(0, await StoredAsync(device));
    }

    [Fact]
    public async Task GarbageAndBadCrcOnAConnectionDoNotStopItsGoodPackets()
    {
        var (device, mn) = await DeviceAsync("SDJNTEST0004");
        var listener = app.Services.GetRequiredService<Hj212Listener>();
        var badBefore = listener.BadPackets;
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var broken = Encoding.ASCII.GetString(Hj212Packet.Frame(Upload(mn, "20261122083000020", DateTimeOffset.UtcNow.AddMinutes(-3))));
        broken = broken[..^6] + "0000\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes("\u0001\u0002garbage##12x" + broken));
        await stream.WriteAsync(Hj212Packet.Frame(Upload(mn, "20261122083000021", DateTimeOffset.UtcNow.AddMinutes(-1))));
        var reply = await ReadReplyAsync(stream, TimeSpan.FromSeconds(10));
        Assert.Equal("20261122083000021", Hj212Packet.Parse(reply!, out _)!.Fields["CP.QN"]);
        Assert.Equal(2, await StoredAsync(device));
        Assert.True(listener.BadPackets > badBefore);
    }

    [Fact]
    public async Task IdleAndGarbageConnectionsDoNotStarveANormalDevice()
    {
        var (device, mn) = await DeviceAsync("SDJNTEST0005");
        var hostile = new List<TcpClient>();
        for (var i = 0; i < 20; i++)
        {
            var c = await ConnectAsync();
            if (i % 2 == 0)
            {
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes(new string('#', 500) + "##9999"));
            }

            hostile.Add(c);
        }

        using var normal = await ConnectAsync();
        for (var i = 0; i < 5; i++)
        {
            await normal.GetStream().WriteAsync(Hj212Packet.Frame(Upload(mn, $"2026112208300010{i}", DateTimeOffset.UtcNow.AddMinutes(-10 + i))));
            Assert.NotNull(await ReadReplyAsync(normal.GetStream(), TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(10, await StoredAsync(device));

        // The silent ones are closed by the idle timeout (2 s in this fixture).
        var idle = hostile[1].GetStream();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await idle.ReadAsync(new byte[16], wait.Token));
        hostile.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task BytesThatNeverCompleteAPacketDoNotKeepAConnectionPastTheIdleTimeout()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("##0100QN="));
        var closed = Hj212Client.ClosedByServerAsync(client, TimeSpan.FromSeconds(20));

        // One byte every half second: never idle by bytes, but no packet is ever accepted (the packet
        // deadline, 30 s by default, is not what closes it within the 20 s waited).
        while (!closed.IsCompleted)
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("1"));
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(closed, Task.Delay(500));
        }

        Assert.True(await closed);
    }
}
