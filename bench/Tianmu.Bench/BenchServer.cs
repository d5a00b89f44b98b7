using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tianmu.Bench;

/// <summary>The real server as its own process on the benchmark's database, with its peak resident memory sampled.</summary>
public sealed class BenchServer : IDisposable
{
    private readonly Process process;

    private BenchServer(Process process, string baseUrl, int hj212Port)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Hj212Port = hj212Port;
    }

    public string BaseUrl { get; }

    public int Hj212Port { get; }

    public static async Task<BenchServer> StartAsync(BenchDatabase database, string personalDataKey)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var hj212Port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Tianmu.Server.dll"), $"--urls={baseUrl}",
            $"--Tianmu:Database:Provider={(database.IsPostgres ? "postgres" : "sqlite")}",
            $"--ConnectionStrings:Tianmu={database.Settings.ConnectionString}", $"--Tianmu:DataDir={database.Dir}", "--Tianmu:Demo=true",
            $"--Tianmu:Security:PersonalDataKey={personalDataKey}", $"--Tianmu:Hj212:Port={hj212Port}", "--Tianmu:Bootstrap:AdminPassword=Bench@2026xx",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, baseUrl, hj212Port);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Samples resident memory every 200 ms until <paramref name="stop"/>; the task's result is the peak in bytes.</summary>
    public Task<long> PeakMemoryAsync(CancellationToken stop) => Task.Run(async () =>
    {
        var peak = 0L;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, Rss());
            await Task.Delay(200, CancellationToken.None);
        }

        return peak;
    });

    /// <summary>CPU time the server process has used so far (user + system), in seconds.</summary>
    public double CpuSeconds()
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("server not ready");
    }

    private long Rss()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
