using System.Security.Cryptography;

namespace Tianmu.Bench;

/// <summary>
/// Warning latency under ingest load (issue: p99 from a violating reading received to its warning
/// visible under 1 s, with ingest throughput within 20 % of the rate without rules). Two runs of
/// <see cref="WarningLoad"/>, each on a fresh database and server process: the devices' entities
/// name no rule pack, then the pool-water pack applies; beside them the raw insert ceiling of the
/// same provider, measured in the same command.
/// </summary>
public static class WarningBenchmark
{
    public static async Task RunAsync(int seconds, int senders, string provider)
    {
        var ceiling = (await RawCeiling.MeasureAsync(provider, 200_000, 400))
            .Where(c => c.BatchSize == RawCeiling.HttpBatch).MaxBy(c => c.ReadingsPerSecond)!;
        var runs = new List<WarningRun>();
        foreach (var withRules in new[] { false, true })
        {
            await using var database = await BenchDatabase.CreateAsync(provider);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using var server = await BenchServer.StartAsync(database, key);
            runs.Add(await WarningLoad.RunAsync(server, database.Settings, key, senders, seconds, withRules));
        }

        var (without, with) = (runs[0], runs[1]);
        Console.WriteLine($"Warnings on {provider}, {seconds} s per run, {senders} senders × {WarningLoad.DevicesPerSender} devices, batches of ~1,000 ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"{"figure",-64} {"value",12}");
        Console.WriteLine($"{$"machine limit: raw {ceiling.Method}, 1,000 per transaction (readings/s)",-64} {ceiling.ReadingsPerSecond,12:N0}");
        foreach (var run in runs)
        {
            Console.WriteLine($"{$"HTTP ingest, {run.Name} ({run.RulesPerDevice} series rules per device) (readings/s)",-64} {run.Rate,12:N0}");
            Console.WriteLine($"{"  share of the raw ceiling",-64} {run.Rate / ceiling.ReadingsPerSecond,12:P0}");
            Console.WriteLine($"{"  server peak resident memory (MB)",-64} {run.PeakMemory / 1024.0 / 1024.0,12:N0}");
            Console.WriteLine($"{"  server CPU, cores busy on average",-64} {run.ServerCpuSeconds / run.Seconds,12:N2}");
            Console.WriteLine($"{"  server CPU per reading (µs; steadier than rates on a busy machine)",-64} {run.ServerCpuSeconds * 1e6 / run.Acknowledged,12:N1}");
        }

        Console.WriteLine($"{"ingest with rules / without",-64} {with.Rate / without.Rate,12:P0}");
        Console.WriteLine($"{"violations injected / warnings seen / missed (not seen in 10 s)",-64} {$"{with.Injected} / {with.LatenciesMs.Count} / {with.Missed}",12}");
        Console.WriteLine($"{"warnings raised in all (incl. other rules of the pack)",-64} {with.WarningsRaised,12}");
        if (with.LatenciesMs.Count > 0)
        {
            Console.WriteLine($"{"latency received → visible in GET /api/v1/warnings, p50 (ms)",-64} {Percentile(with.LatenciesMs, 0.50),12:N0}");
            Console.WriteLine($"{"  p99 (ms)",-64} {Percentile(with.LatenciesMs, 0.99),12:N0}");
            Console.WriteLine($"{"  max (ms)",-64} {with.LatenciesMs[^1],12:N0}");
        }
    }

    /// <summary>Nearest rank over sorted values.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
