using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tianmu.Server.Tests.Support;

/// <summary>A server-sent event as received: its id, name and JSON data.</summary>
public sealed record ServerEvent(string? Id, string Name, JsonElement Data);

/// <summary>
/// A test client of a text/event-stream response: reads the events in the background into a list,
/// so a test can wait for one and check what else arrived.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<ServerEvent> events = [];
    private readonly HttpResponseMessage response;
    private readonly Task reader;

    private EventStream(HttpResponseMessage response)
    {
        this.response = response;
        reader = Task.Run(() => ReadAsync(stop.Token));
    }

    public HttpResponseMessage Response => response;

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response);
    }

    public IReadOnlyList<ServerEvent> Received
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    /// <summary>The first event matching <paramref name="match"/>, waiting up to <paramref name="within"/>.</summary>
    public async Task<ServerEvent?> WaitForAsync(Func<ServerEvent, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return Received.FirstOrDefault(match);
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var lines = new StreamReader(body, Encoding.UTF8);
            string? id = null, name = null;
            var data = new StringBuilder();
            while (await lines.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        lock (events)
                        {
                            events.Add(new ServerEvent(id, name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                        }
                    }

                    (id, name) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the test closed the stream
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await reader;
        stop.Dispose();
    }
}
