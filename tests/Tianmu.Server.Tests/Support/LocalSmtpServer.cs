using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Tianmu.Server.Tests.Support;

/// <summary>
/// A real SMTP server on a free local port: Debian's aiosmtpd with the handler in smtp_recorder.py, which
/// writes every accepted message (parsed by Python's email package) as JSON and refuses recipients whose
/// address starts with "refused" (550). It can be stopped and started again on the same port, as a mail
/// server that goes down and comes back.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tianmu-smtp-").FullName;
    private Process? process;

    private readonly SmtpsSetup? smtps;

    private LocalSmtpServer(int port, SmtpsSetup? smtps = null) => (Port, this.smtps) = (port, smtps);

    public int Port { get; }

    public static Task<LocalSmtpServer> StartAsync() => StartAsync(null);

    /// <summary>An SMTPS server (TLS from the first byte) with this certificate, requiring sign-in as user/password.</summary>
    public static Task<LocalSmtpServer> StartSmtpsAsync(string certFile, string keyFile, string user, string password) =>
        StartAsync(new SmtpsSetup(certFile, keyFile, user, password));

    private static async Task<LocalSmtpServer> StartAsync(SmtpsSetup? smtps)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new LocalSmtpServer(port, smtps);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        // Debian's interpreter, where python3-aiosmtpd is installed (another python3 may come first on PATH).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments = smtps is { } tls
            ? [Path.Combine(AppContext.BaseDirectory, "Support", "smtp_recorder.py"), folder, port, tls.CertFile, tls.KeyFile, tls.User, tls.Password]
            : ["-m", "aiosmtpd", "-n", "-u", "-l", $"127.0.0.1:{port}", "-c", "smtp_recorder.Recorder", folder];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Support");
        process = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}); is python3-aiosmtpd installed? {errors}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on port {Port}: {errors}");
    }

    /// <summary>Stops the server: connections to its port are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public IReadOnlyList<ReceivedMail> Received() =>
        [.. Directory.GetFiles(folder, "*.json").Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f), Json)!)];

    /// <summary>The messages with this Message-ID (the outbox row's id), waiting up to <paramref name="seconds"/> for the first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Guid id, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var mails = For(id);
            if (mails.Count > 0 || DateTime.UtcNow > deadline)
            {
                return mails;
            }

            await Task.Delay(100);
        }
    }

    public IReadOnlyList<ReceivedMail> For(Guid id) => [.. Received().Where(m => m.MessageId == $"<{id}@tianmu>")];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}

internal sealed record SmtpsSetup(string CertFile, string KeyFile, string User, string Password);

/// <summary>One message as the server received and Python's email package parsed it.</summary>
public sealed record ReceivedMail(string MailFrom, string[] RcptTos, string From, string To, string Subject, string MessageId, string ContentType, string? Charset, string Body, string Raw);
