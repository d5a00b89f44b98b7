using System.Runtime.InteropServices;

namespace Tianmu.Simulator;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(SimulatorOptions.Usage);
            return 0;
        }

        SimulatorOptions options;
        try
        {
            options = SimulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"模拟器：{e.Message}");
            Console.Error.WriteLine(SimulatorOptions.Usage);
            return 2;
        }

        using var stop = options.Duration is { } duration ? new CancellationTokenSource(duration) : new CancellationTokenSource();
        // Ctrl+C, or TERM from run.sh when the server stops: finish the current send and say so.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var http = new HttpClient { BaseAddress = options.Server, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await new Simulation(options, http, Log).RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or --duration
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or ArgumentException)
        {
            Log($"停止：{e.Message}");
            return 1;
        }

        Log("模拟器已停止。");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static void Log(string message) => Console.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {message}");
}
