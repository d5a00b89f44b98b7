using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Ingest.Hj212;
using Tianmu.Persistence;
using Tianmu.Security;

namespace Tianmu.Server.Tests.Support;

/// <summary>The device side of HJ 212 for tests: a registered device, its uploads, connections from a chosen loopback address, replies.</summary>
public static class Hj212Client
{
    public const string Password = "123456";

    /// <summary>Registers an HJ 212 water analyser with MN <paramref name="mn"/> measuring ph and w21001 (free chlorine).</summary>
    public static async Task<Guid> RegisterAsync(TianmuDb db, string mn)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(TianmuApp.PersonalDataKey));
        var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉水供水有限公司东区水厂");
        var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "聚光", "W-212", mn, false, DeviceProtocol.Hj212, mn, protector.Protect(Password),
            Mobility.Fixed, PlaceType.PlantRoom, "出厂水", FundingModel.Government, null, false, false, false, false,
            [new ParameterSpec("ph", "pH", "", 0, 14, null, null), new ParameterSpec("w21001", "游离氯", "mg/L", 0, 5, null, null)]), DateTimeOffset.UtcNow);
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    /// <summary>A CN=2011 upload asking for an acknowledgement: w01001 maps to ph, w21001 is registered as is, w99999 is unknown.</summary>
    public static string Upload(string mn, string qn, DateTimeOffset at, string pw = Password, int flag = 5) =>
        $"QN={qn};ST=32;CN=2011;PW={pw};MN={mn};Flag={flag};CP=&&DataTime={at.ToOffset(TimeSpan.FromHours(8)):yyyyMMddHHmmss};"
        + "w01001-Rtd=7.21,w01001-Flag=N;w21001-Rtd=0.62,w21001-Flag=N;w99999-Rtd=1,w99999-Flag=N&&";

    /// <summary>Connects to the listener on 127.0.0.1 from <paramref name="from"/> (any 127.x.y.z: Linux routes all of 127/8 to lo).</summary>
    public static async Task<TcpClient> ConnectAsync(int port, IPAddress? from = null)
    {
        var client = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>The next valid packet's data segment, or null when the connection closes or nothing comes in time.</summary>
    public static async Task<string?> ReadReplyAsync(NetworkStream stream, TimeSpan wait)
    {
        var framer = new Hj212Framer();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    return null;
                }

                if (framer.Push(buffer.AsSpan(0, n)).FirstOrDefault(f => f.IsValid) is { } frame)
                {
                    return frame.Data;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>True once the server has closed the connection (waits up to <paramref name="wait"/>; data received meanwhile is discarded).</summary>
    public static async Task<bool> ClosedByServerAsync(TcpClient client, TimeSpan wait)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (await client.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true; // reset
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
