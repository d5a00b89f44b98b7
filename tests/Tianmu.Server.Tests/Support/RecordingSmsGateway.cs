using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Tianmu.Server.Tests.Support;

/// <summary>
/// A tiny real SMS gateway on a local port (HttpListener): it records every request and answers as
/// <see cref="Answer"/> says — by default 503 to the first request for a message whose text contains
/// <see cref="FlakyMarker"/>, 503 always for <see cref="DownMarker"/>, otherwise 200.
/// </summary>
public sealed class RecordingSmsGateway : IAsyncDisposable
{
    public const string FlakyMarker = "明湖";
    public const string DownMarker = "海韵";

    private readonly HttpListener listener = new();
    private readonly Task loop;

    private RecordingSmsGateway(int port)
    {
        Url = $"http://127.0.0.1:{port}/sms/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<SmsRequest> Requests { get; } = new();

    public static RecordingSmsGateway Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new RecordingSmsGateway(port);
    }

    public IReadOnlyList<SmsRequest> For(Guid id) => [.. Requests.Where(r => r.Id == id)];

    private int Answer(Guid id, string text) => text switch
    {
        _ when text.Contains(DownMarker, StringComparison.Ordinal) => 503,
        _ when text.Contains(FlakyMarker, StringComparison.Ordinal) && !Requests.Any(r => r.Id == id) => 503,
        _ => 200,
    };

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new StreamReader(context.Request.InputStream);
        var json = JsonDocument.Parse(await body.ReadToEndAsync()).RootElement;
        var id = json.GetProperty("id").GetGuid();
        var text = json.GetProperty("text").GetString()!;
        await Task.Delay(5); // a real gateway takes a moment: lets racing workers overlap
        int status;
        lock (Requests)
        {
            status = Answer(id, text);
            Requests.Enqueue(new SmsRequest(id, json.GetProperty("to").GetString()!, text, context.Request.Headers["Idempotency-Key"],
                context.Request.Headers["Authorization"], status, json.GetProperty("signName").GetString(), json.GetProperty("templateCode").GetString(),
                json.GetProperty("templateParams") is { ValueKind: JsonValueKind.Object } values
                    ? values.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!)
                    : null));
        }

        context.Response.StatusCode = status;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}

public sealed record SmsRequest(
    Guid Id, string To, string Text, string? IdempotencyKey, string? Authorization, int Status, string? Sign, string? TemplateCode, Dictionary<string, string>? Values);
