using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Tianmu.Ingest.Hj212;

namespace Tianmu.Server.Ingest;

/// <summary>
/// The HJ 212-2017 TCP listener, beside HTTP. Each connection has its own framer with a bounded
/// buffer, an idle timeout and a per-address connection limit; a bad packet is counted and logged and
/// affects nothing else. Three failed authentications on a connection close it.
/// </summary>
public sealed class Hj212Listener(IOptions<Hj212Options> options, IServiceScopeFactory scopes, ILogger<Hj212Listener> log) : BackgroundService
{
    private readonly ConcurrentDictionary<IPAddress, int> perAddress = new();
    private readonly TaskCompletionSource<int> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long badPackets;

    /// <summary>The port actually listened on, once listening.</summary>
    public Task<int> BoundPort => bound.Task;

    public long BadPackets => Interlocked.Read(ref badPackets);

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
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
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
        if (perAddress.AddOrUpdate(address, 1, (_, n) => n + 1) > options.Value.MaxConnectionsPerAddress)
        {
            Leave(address);
            log.LogWarning("HJ 212 connection refused: too many from one address");
            return;
        }

        try
        {
            var stream = client.GetStream();
            var framer = new Hj212Framer(options.Value.MaxDataLength);
            var buffer = new byte[4096];
            var failures = 0;
            while (!stop.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
                idle.CancelAfter(TimeSpan.FromSeconds(options.Value.IdleTimeoutSeconds));
                var read = await stream.ReadAsync(buffer, idle.Token);
                if (read == 0)
                {
                    return;
                }

                foreach (var frame in framer.Push(buffer.AsSpan(0, read)))
                {
                    if (!frame.IsValid)
                    {
                        Interlocked.Increment(ref badPackets);
                        log.LogInformation("HJ 212 bad data: {Reason}", frame.Error);
                        continue;
                    }

                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<Hj212Intake>().HandleAsync(frame.Data!, stop);
                    if (outcome.Reply is { } reply)
                    {
                        await stream.WriteAsync(Hj212Packet.Frame(reply), stop);
                    }

                    if (outcome.AuthenticationFailed && ++failures >= 3)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // idle timeout, shutdown or a dropped connection: nothing else is affected
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

    private void Leave(IPAddress address) => perAddress.AddOrUpdate(address, 0, (_, n) => n - 1);
}
