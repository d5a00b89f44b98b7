using System.Security.Cryptography;

namespace Tianmu.Bench;

/// <summary>
/// Sustained ingest against the real server process — HTTP batches, HJ 212 packets over TCP, or both —
/// beside the raw insert ceiling of the same database provider measured in the same run, and the
/// server's peak memory. Targets (HTTP) on the 2-core machine: ≥ 30,000 readings/s, ≥ 50 % of the
/// ceiling, &lt; 500 MB.
/// </summary>
public static class IngestBenchmark
{
    public static async Task RunAsync(int seconds, int httpDevices, string provider, string protocols, int hj212Devices)
    {
        if (protocols is not ("http" or "hj212" or "all"))
        {
            throw new ArgumentException($"unknown protocol '{protocols}'; use http, hj212 or all");
        }

        var ceilings = await RawCeiling.MeasureAsync(provider, 200_000, 8_000);
        await using var database = await BenchDatabase.CreateAsync(provider);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var loads = new List<IngestLoad>();
        using (var server = await BenchServer.StartAsync(database, key))
        {
            if (protocols is "http" or "all")
            {
                loads.Add(await HttpLoad.RunAsync(server, database.Settings, key, httpDevices, seconds));
            }

            if (protocols is "hj212" or "all")
            {
                loads.Add(await Hj212Load.RunAsync(server, database.Settings, key, hj212Devices, seconds));
            }
        }

        Console.WriteLine($"Ingest on {provider}, {seconds} s per protocol ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"{"figure (readings/s unless said)",-64} {"value",12}");
        foreach (var c in ceilings)
        {
            Console.WriteLine($"{$"machine limit: raw {c.Method}, {c.BatchSize:N0} per transaction",-64} {c.ReadingsPerSecond,12:N0}");
        }

        foreach (var load in loads)
        {
            var ceiling = ceilings.Where(c => c.BatchSize == load.BatchSize).MaxBy(c => c.ReadingsPerSecond)!;
            Console.WriteLine($"{load.Name,-64} {load.Rate,12:N0}");
            Console.WriteLine($"{$"  share of the raw {ceiling.Method}, {ceiling.BatchSize:N0} per transaction",-64} {load.Rate / ceiling.ReadingsPerSecond,12:P0}");
            Console.WriteLine($"{"  server peak resident memory (MB)",-64} {load.PeakMemory / 1024.0 / 1024.0,12:N0}");
            if (load.Note is { } note)
            {
                Console.WriteLine($"  note: {note}");
            }
        }
    }
}
