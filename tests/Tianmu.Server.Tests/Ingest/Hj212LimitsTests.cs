using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Ingest.Hj212;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>
/// A server with small HJ 212 limits: 6 connections, 3 per address, 2 s to finish a packet, and an
/// idle timeout (10 min) too long to explain anything these tests see.
/// </summary>
public sealed class Hj212LimitsApp : TianmuApp
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:Hj212:MaxConnections", "6");
        builder.UseSetting("Tianmu:Hj212:MaxConnectionsPerAddress", "3");
        builder.UseSetting("Tianmu:Hj212:IdleTimeoutSeconds", "600");
        builder.UseSetting("Tianmu:Hj212:PacketTimeoutSeconds", "2");
        builder.UseSetting("Tianmu:Hj212:MaxBadPacketsInARow", "10");
    }
}

/// <summary>What one client, or many, can hold on the HJ 212 port: connections, time, bad data.</summary>
public sealed class Hj212LimitsTests(Hj212LimitsApp app) : IClassFixture<Hj212LimitsApp>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private Task<int> Port => app.Services.GetRequiredService<Hj212Listener>().BoundPort;

    /// <summary>A connection the server has admitted: it acknowledges an upload of a registered device.</summary>
    private async Task<TcpClient> AdmittedAsync(string mn, IPAddress from, int n)
    {
        var client = await Hj212Client.ConnectAsync(await Port, from);
        var stream = client.GetStream();
        await stream.WriteAsync(Hj212Packet.Frame(Hj212Client.Upload(mn, $"2026112209000{n:D4}", DateTimeOffset.UtcNow.AddMinutes(-30 + n))));
        Assert.NotNull(await Hj212Client.ReadReplyAsync(stream, Generous));
        return client;
    }

    private async Task<string> DeviceAsync(string mn)
    {
        await using var db = app.Db();
        await Hj212Client.RegisterAsync(db, mn);
        return mn;
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitsAreRefusedAndAFreedPlaceIsTakenAgain()
    {
        var mn = await DeviceAsync("SDJNLIMIT001");
        var hostA = IPAddress.Parse("127.0.0.21");
        var hostB = IPAddress.Parse("127.0.0.22");
        var held = new List<TcpClient>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await AdmittedAsync(mn, hostA, i));
        }

        // A fourth from the same address is closed on arrival.
        using (var fourth = await Hj212Client.ConnectAsync(await Port, hostA))
        {
            Assert.True(await Hj212Client.ClosedByServerAsync(fourth, Generous));
        }

        // Another address still gets in, up to the total of six.
        for (var i = 3; i < 6; i++)
        {
            held.Add(await AdmittedAsync(mn, hostB, i));
        }

        using (var seventh = await Hj212Client.ConnectAsync(await Port, IPAddress.Parse("127.0.0.23")))
        {
            Assert.True(await Hj212Client.ClosedByServerAsync(seventh, Generous));
        }

        // A closed connection frees its place (the server notices the close asynchronously: retry).
        held[0].Dispose();
        var deadline = DateTime.UtcNow + Generous;
        TcpClient? again = null;
        while (again is null && DateTime.UtcNow < deadline)
        {
            var candidate = await Hj212Client.ConnectAsync(await Port, IPAddress.Parse("127.0.0.23"));
            await candidate.GetStream().WriteAsync(Hj212Packet.Frame(Hj212Client.Upload(mn, "20261122090009999", DateTimeOffset.UtcNow.AddMinutes(-1))));
            if (await Hj212Client.ReadReplyAsync(candidate.GetStream(), Generous) is not null)
            {
                again = candidate;
            }
            else
            {
                candidate.Dispose();
                await Task.Delay(200);
            }
        }

        Assert.NotNull(again);
        again!.Dispose();
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task APacketTrickledSlowerThanThePacketTimeoutClosesTheConnection()
    {
        using var client = await Hj212Client.ConnectAsync(await Port, IPAddress.Parse("127.0.0.31"));
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("##1000QN="));
        var closed = Hj212Client.ClosedByServerAsync(client, Generous);
        while (!closed.IsCompleted)
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("2"));
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(closed, Task.Delay(300));
        }

        Assert.True(await closed); // the idle timeout (10 min) cannot be what closed it
    }

    [Fact]
    public async Task BadPacketsInARowCloseTheConnectionButOneBetweenGoodPacketsDoesNot()
    {
        var mn = await DeviceAsync("SDJNLIMIT002");
        var listener = app.Services.GetRequiredService<Hj212Listener>();

        // A bad packet between good ones: the connection stays and its packets are acknowledged.
        using (var device = await Hj212Client.ConnectAsync(await Port, IPAddress.Parse("127.0.0.41")))
        {
            var stream = device.GetStream();
            for (var i = 0; i < 12; i++)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("##12x"));
                await stream.WriteAsync(Hj212Packet.Frame(Hj212Client.Upload(mn, $"2026112209100{i:D4}", DateTimeOffset.UtcNow.AddMinutes(-60 + i))));
                Assert.NotNull(await Hj212Client.ReadReplyAsync(stream, Generous));
            }
        }

        // Noise without a packet header: each read is one bad packet; ten in a row and it is closed.
        var before = listener.BadPackets;
        using var noisy = await Hj212Client.ConnectAsync(await Port, IPAddress.Parse("127.0.0.42"));
        var closed = Hj212Client.ClosedByServerAsync(noisy, Generous);
        var noise = Encoding.ASCII.GetBytes(new string('x', 1024));
        var writes = 0;
        try
        {
            while (!closed.IsCompleted && writes < 1000)
            {
                await noisy.GetStream().WriteAsync(noise);
                writes++;
                await Task.Delay(20);
            }
        }
        catch (IOException)
        {
            // closed under the writer
        }

        Assert.True(await closed);
        Assert.True(listener.BadPackets - before >= 10);
    }
}
