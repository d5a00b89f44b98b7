using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tianmu.Server.Documents;

/// <summary>The browser went away (crashed, killed, closed its socket) while a command was outstanding.</summary>
public sealed class BrowserGoneException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Chromium answered a DevTools command with an error.</summary>
public sealed class DevToolsException(string message) : Exception(message);

/// <summary>
/// One WebSocket to the browser's DevTools endpoint carrying every page's commands (flattened sessions:
/// each message names its <c>sessionId</c>). Commands are matched to answers by id; events are ignored.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private Task reading = Task.CompletedTask;
    private int nextId;

    public bool Open => socket.State == WebSocketState.Open && !reading.IsCompleted;

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint, CancellationToken ct)
    {
        var connection = new DevToolsConnection();
        connection.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection.socket.ConnectAsync(endpoint, ct);
        connection.reading = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters, string? sessionId, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new Command(id, method, parameters ?? new { }, sessionId), Json);
            await sending.WaitAsync(ct);
            try
            {
                if (!Open)
                {
                    throw new BrowserGoneException("the DevTools connection is closed");
                }

                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                sending.Release();
            }

            return await answer.Task.WaitAsync(ct);
        }
        catch (WebSocketException e)
        {
            throw new BrowserGoneException("the DevTools connection failed", e);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            failure = e;
        }

        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new BrowserGoneException("the browser closed the DevTools connection", failure));
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        if (!root.TryGetProperty("id", out var idElement) || !pending.TryGetValue(idElement.GetInt32(), out var waiting))
        {
            return; // an event, or an answer nobody waits for any more
        }

        if (root.TryGetProperty("error", out var error))
        {
            waiting.TrySetException(new DevToolsException(error.GetProperty("message").GetString() ?? "DevTools error"));
        }
        else
        {
            waiting.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // closing anyway
        }

        socket.Dispose();
        closing.Dispose();
        sending.Dispose();
    }

    private sealed record Command(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("params")] object Params,
        [property: JsonPropertyName("sessionId")] string? SessionId);
}
