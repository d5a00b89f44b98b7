using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Tianmu.Ingest.Hj212;

namespace Tianmu.Server.Ingest;

/// <summary>
/// The HJ 212-2017 TCP listener, beside HTTP. What a client can hold is bounded: connections in all
/// and per address, one framer of at most one packet per connection, time without an accepted packet
/// (idle timeout), time to finish a begun packet or take a reply (packet timeout), and bad packets in
/// a row. A bad packet is counted and logged and affects nothing else; three failed authentications
/// on a connection close it.
/// </summary>
public sealed class Hj212Listener(IOptions<Hj212Options> options, IServiceScopeFactory scopes, ILogger<Hj212Listener> log) : BackgroundService
{
    private const int ReadSize = 4096;

    private readonly ConcurrentDictionary<IPAddress, int> perAddress = new();
    private readonly TaskCompletionSource<int> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long badPackets;
    private long refused;
    private int open;

    /// <summary>The port actually listened on, once listening.</summary>
    public Task<int> BoundPort => bound.Task;

    public long BadPackets => Interlocked.Read(ref badPackets);

    /// <summary>Connections closed on arrival because of the connection limits.</summary>
    public long Refused => Interlocked.Read(ref refused);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Port is not { } port)
        {
            bound.TrySetResult(0);
            return;
        }

        var listener = new TcpListener(IPAddress.Parse(options.Value.Address), port);
        listener.Start();
        bound.TrySetResult(((IPEndPoint)listener.LocalEndpoint).Port);
        log.LogInformation("HJ 212 listener on {Address}:{Port}", options.Value.Address, ((IPEndPoint)listener.LocalEndpoint).Port);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stoppingToken);
                }
                catch (SocketException e)
                {
                    // e.g. out of file descriptors under a flood: keep listening rather than stop the host
                    log.LogWarning("HJ 212 accept failed: {Error}", e.SocketErrorCode);
                    await Task.Delay(100, stoppingToken);
                    continue;
                }

                _ = Task.Run(() => ServeAsync(client, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        using var _ = client;
        var address = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
        if (!Admit(address))
        {
            Interlocked.Increment(ref refused);
            log.LogWarning("HJ 212 connection from {Address} refused: connection limit", address);
            return;
        }

        try
        {
            await ConverseAsync(client.GetStream(), stop);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // a timeout, shutdown or a dropped connection: nothing else is affected
        }
        catch (Exception e)
        {
            log.LogError(e, "HJ 212 connection failed");
        }
        finally
        {
            Leave(address);
        }
    }

    private async Task ConverseAsync(NetworkStream stream, CancellationToken stop)
    {
        var limits = options.Value;
        var framer = new Hj212Framer(limits.MaxDataLength);
        var buffer = new byte[ReadSize];
        var lastAccepted = Stopwatch.GetTimestamp();
        long? packetBegun = null;
        var failures = 0;
        var badInARow = 0;
        while (!stop.IsCancellationRequested)
        {
            var idleLeft = TimeSpan.FromSeconds(limits.IdleTimeoutSeconds) - Stopwatch.GetElapsedTime(lastAccepted);
            var packetLeft = packetBegun is { } begun ? TimeSpan.FromSeconds(limits.PacketTimeoutSeconds) - Stopwatch.GetElapsedTime(begun) : TimeSpan.MaxValue;
            var wait = idleLeft < packetLeft ? idleLeft : packetLeft;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
            deadline.CancelAfter(wait);
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                return;
            }

            var frames = framer.Push(buffer.AsSpan(0, read));
            foreach (var frame in frames)
            {
                if (!frame.IsValid)
                {
                    log.LogInformation("HJ 212 bad data: {Reason}", frame.Error);
                }

                var outcome = frame.IsValid ? await HandleAsync(frame.Data!, stop) : null;
                if (outcome is null || outcome.Verdict == Hj212Verdict.Malformed)
                {
                    Interlocked.Increment(ref badPackets);
                    if (++badInARow >= limits.MaxBadPacketsInARow)
                    {
                        return;
                    }

                    continue;
                }

                badInARow = 0;
                if (outcome.Verdict == Hj212Verdict.Unauthenticated)
                {
                    if (++failures >= 3)
                    {
                        return;
                    }

                    continue;
                }

                lastAccepted = Stopwatch.GetTimestamp();
                if (outcome.Reply is { } reply)
                {
                    using var taking = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    taking.CancelAfter(TimeSpan.FromSeconds(limits.PacketTimeoutSeconds));
                    await stream.WriteAsync(Hj212Packet.Frame(reply), taking.Token);
                }
            }

            // What is left buffered is the start of a packet; its clock starts when it began.
            packetBegun = framer.Buffered == 0 ? null : frames.Count > 0 ? Stopwatch.GetTimestamp() : packetBegun ?? Stopwatch.GetTimestamp();
        }
    }

    private async Task<Hj212Outcome> HandleAsync(string data, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Hj212Intake>().HandleAsync(data, stop);
    }

    private bool Admit(IPAddress address)
    {
        var total = Interlocked.Increment(ref open);
        var fromAddress = perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (total <= options.Value.MaxConnections && fromAddress <= options.Value.MaxConnectionsPerAddress)
        {
            return true;
        }

        Leave(address);
        return false;
    }

    /// <summary>An address without connections leaves the table, so many distinct addresses do not grow it.</summary>
    private void Leave(IPAddress address)
    {
        Interlocked.Decrement(ref open);
        if (perAddress.AddOrUpdate(address, 0, (_, n) => n - 1) == 0)
        {
            perAddress.TryRemove(KeyValuePair.Create(address, 0));
        }
    }
}
