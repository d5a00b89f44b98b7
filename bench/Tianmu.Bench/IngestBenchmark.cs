using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Devices;
using Tianmu.Server.Ingest;

namespace Tianmu.Bench;

/// <summary>
/// Sustained HTTP ingest against the real server process, beside the raw insert ceiling of the same
/// database (the same rows by the simplest batched insert from this plain program) and the server's
/// peak memory. Target on the 2-core machine: ≥ 30,000 readings/s, ≥ 50 % of the ceiling, &lt; 500 MB.
/// </summary>
public static class IngestBenchmark
{
    private const int BatchSize = 1000;

    /// <summary>Enough for ~200,000 readings/s per run of 20 s with four devices; a device that runs out stops early.</summary>
    private const int BatchesPerDevice = 1000;

    public static async Task RunAsync(int seconds, int senders)
    {
        var dir = Directory.CreateTempSubdirectory("tianmu-ingest-bench-").FullName;
        try
        {
            var settings = DatabaseSettings.SqliteIn(dir);
            var ceiling = await RawCeilingAsync(Path.Combine(dir, "ceiling.db"), 200_000);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using var server = StartServer(settings, dir, key, out var baseUrl);
            await WaitReadyAsync(baseUrl);
            var devices = await DevicesAsync(settings, key, senders);

            // Bodies are built before the clock starts: the load generator shares the machine's cores.
            var origin = DateTimeOffset.UtcNow.AddMinutes(-4);
            var bodies = devices.ToDictionary(d => d, d => Enumerable.Range(0, BatchesPerDevice).Select(b => Body(origin, b)).ToList());
            var acknowledged = 0L;
            var peakRss = 0L;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var watch = Stopwatch.StartNew();
            var sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peakRss = Math.Max(peakRss, Rss(server.Id));
                    await Task.Delay(200);
                }
            });
            await Task.WhenAll(devices.Select(device => Task.Run(async () =>
            {
                using var http = new HttpClient();
                for (var batch = 0; !stop.IsCancellationRequested && batch < BatchesPerDevice; batch++)
                {
                    var response = await http.SendAsync(Request(baseUrl, device, bodies[device][batch]));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Add(ref acknowledged, BatchSize);
                    }
                }
            })));
            var elapsed = watch.Elapsed.TotalSeconds;
            await sampling;
            server.Kill(entireProcessTree: true);

            var rate = acknowledged / elapsed;
            if (acknowledged >= (long)devices.Count * BatchesPerDevice * BatchSize)
            {
                Console.WriteLine("note: every prepared batch was sent before the time was up; the rate is over the shorter time");
            }

            Console.WriteLine($"HTTP ingest, SQLite, {senders} devices posting batches of {BatchSize} for {seconds} s ({Environment.ProcessorCount} cores)");
            Console.WriteLine($"{"figure",-48} {"value",14}");
            Console.WriteLine($"{"machine limit: raw batched insert (readings/s)",-48} {ceiling,14:N0}");
            Console.WriteLine($"{"sustained HTTP ingest (readings/s)",-48} {rate,14:N0}");
            Console.WriteLine($"{"share of the raw ceiling",-48} {rate / ceiling,14:P0}");
            Console.WriteLine($"{"server peak resident memory (MB)",-48} {peakRss / 1024.0 / 1024.0,14:N0}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The simplest batched insert of the same rows: one transaction per 1,000, one prepared statement.</summary>
    private static async Task<double> RawCeilingAsync(string file, int rows)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}");
        await new Migrator(settings, NullLogger<Migrator>.Instance).MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync();
        }

        var device = Guid.NewGuid().ToString().ToUpperInvariant();
        var start = DateTimeOffset.UtcNow.AddDays(-1).UtcTicks;
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < rows; done += BatchSize)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO readings VALUES ($d, 'ph', $t, 7.0, 'N', 1, $t)";
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Integer);
            d.Value = device;
            for (var i = 0; i < BatchSize; i++)
            {
                t.Value = start + ((done + i) * TimeSpan.TicksPerMillisecond);
                await insert.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    private static Process StartServer(DatabaseSettings settings, string dir, string key, out string baseUrl)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Tianmu.Server.dll"), $"--urls={baseUrl}", "--Tianmu:Database:Provider=sqlite",
            $"--ConnectionStrings:Tianmu={settings.ConnectionString}", $"--Tianmu:DataDir={dir}", "--Tianmu:Demo=true",
            $"--Tianmu:Security:PersonalDataKey={key}", "--Tianmu:Hj212:Port=0", "--Tianmu:Bootstrap:AdminPassword=Bench@2026xx",
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
        return process;
    }

    private static async Task WaitReadyAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("server not ready");
    }

    private static async Task<List<Guid>> DevicesAsync(DatabaseSettings settings, string key, int count)
    {
        var protector = new PersonalDataProtector(Convert.FromBase64String(key));
        await using var db = new TianmuDbFactory(settings, TimeProvider.System).CreateDbContext();
        var entities = await db.Entities.OrderBy(e => e.Name).Take(count).ToListAsync();
        var ids = new List<Guid>();
        foreach (var entity in entities)
        {
            var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", "BENCH-" + ids.Count, false, DeviceProtocol.Http,
                null, null, Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
                [new ParameterSpec("ph", "pH", "", 0, 14, null, null)]), DateTimeOffset.UtcNow);
            device.SetCredential(DeviceOperations.SecretHash(SecretOf(device.Id)), protector.Protect(SecretOf(device.Id)), DateTimeOffset.UtcNow);
            db.Devices.Add(device);
            ids.Add(device.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private static byte[] Body(DateTimeOffset origin, int batch) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        readings = Enumerable.Range(0, BatchSize).Select(i => new { time = origin.AddTicks(((batch * (long)BatchSize) + i) * 1000), metric = "ph", value = 7.0 }),
    });

    private static HttpRequestMessage Request(string baseUrl, Guid device, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/ingest/readings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Device-Id", device.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(SecretOf(device), timestamp, body));
        return request;
    }

    /// <summary>Each device has its own secret (their hashes are unique in the registry).</summary>
    private static string SecretOf(Guid device) => $"dk_bench_{device:N}";

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
