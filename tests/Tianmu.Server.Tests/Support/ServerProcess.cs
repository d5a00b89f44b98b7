using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tianmu.Persistence;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Support;

/// <summary>The real server as its own OS process (dotnet Tianmu.Server.dll), for tests that kill it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, string baseUrl, int hj212Port)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Hj212Port = hj212Port;
    }

    public string BaseUrl { get; }

    /// <summary>The HJ 212 listener's port, on 127.0.0.1.</summary>
    public int Hj212Port { get; }

    /// <summary>
    /// Starts the server with the demo tree; <paramref name="settings"/> are further command-line
    /// settings, e.g. <c>--Tianmu:Hj212:IdleTimeoutSeconds=5</c> or <c>--Tianmu:DemoDevices=true</c> (as run.sh).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(TestDatabase database, string dataDir, params string[] settings)
    {
        var port = FreePort();
        var hj212Port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Tianmu.Server.dll"), $"--urls=http://127.0.0.1:{port}",
            $"--Tianmu:Database:Provider={(database.Settings.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres")}",
            $"--ConnectionStrings:Tianmu={database.Settings.ConnectionString}", $"--Tianmu:DataDir={dataDir}", "--Tianmu:Demo=true",
            $"--Tianmu:Security:PersonalDataKey={TianmuApp.PersonalDataKey}", $"--Tianmu:Hj212:Port={hj212Port}", $"--Tianmu:Bootstrap:AdminPassword={TianmuApp.AdminPassword}",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, $"http://127.0.0.1:{port}", hj212Port);
        using var http = new HttpClient();
        // Generous: under a loaded CI machine a cold start (JIT, migrations, demo data) has taken over a minute.
        var deadline = DateTime.UtcNow.AddSeconds(ReadySeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"server exited with code {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(server.BaseUrl + "/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"server did not become ready in {ReadySeconds} s");
    }

    private const int ReadySeconds = 180;

    /// <summary>The server's resident memory (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as a power cut looks to the process.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
