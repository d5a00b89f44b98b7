using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Credit.Scoring;
using Tianmu.Persistence;
using Tianmu.Server.Credit;

namespace Tianmu.Bench;

/// <summary>
/// Issue 9: scoring all entities of a province-sized register (200,000 entities with a year of history) in under
/// 60 seconds. A fresh, migrated database is seeded in bulk (<see cref="CreditHistorySeed"/>, not timed), then
/// the nightly run — load every fact kind in one query each, score, store every grade in bulk, list S20/Z24 facts
/// for key supervision, record the run — is timed as the server runs it. The machine's limit is the raw rate of
/// the same database for plain batched inserts (<see cref="RawCeiling"/>), measured in the same run.
/// </summary>
public static class CreditBenchmark
{
    public static async Task RunAsync(int count, string provider)
    {
        var ceiling = (await RawCeiling.MeasureAsync(provider, 200_000, 4_000)).Where(c => c.BatchSize == RawCeiling.HttpBatch).MaxBy(c => c.ReadingsPerSecond)!;

        await using var database = await BenchDatabase.CreateAsync(provider);
        await new Migrator(database.Settings, NullLogger<Migrator>.Instance).MigrateAsync();
        var factory = new TianmuDbFactory(database.Settings, TimeProvider.System);
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var watch = Stopwatch.StartNew();
        var seeded = await CreditHistorySeed.SeedAsync(database.Settings, count, asOf);
        Console.WriteLine($"seeded {seeded} in {watch.Elapsed.TotalSeconds:F1} s (bulk, not timed)");
        await using (var db = factory.CreateDbContext())
        {
            await DatabaseMaintenance.OptimizeAsync(db, default); // what the maintenance job does in a running server
        }

        var model = ScoringModel.Default;
        double loadSeconds, scoreSeconds;
        await using (var db = factory.CreateDbContext())
        {
            watch.Restart();
            var histories = await new CreditFactsLoader(db).LoadAsync(db.Entities, asOf, model, default);
            loadSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            _ = histories.AsParallel().Select(h => CreditScorer.Score(model, h, asOf).ToGrade(h, model.Model, DateTimeOffset.UtcNow)).Count();
            scoreSeconds = watch.Elapsed.TotalSeconds;
        }

        Tianmu.Credit.CreditRun run;
        await using (var db = factory.CreateDbContext())
        {
            watch.Restart();
            run = await new CreditGrading(db, new CreditFactsLoader(db), new CreditGradeReader(db), new WriteGate(database.Settings), TimeProvider.System).RunAsync(db.Entities, CreditGrading.Everywhere, null, asOf, "bench", default);
        }

        var total = watch.Elapsed.TotalSeconds;
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.CreditGrades.CountAsync();
            var grades = await db.CreditGrades.GroupBy(g => g.Grade).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync();
            Console.WriteLine($"Credit scoring of {count:N0} entities on {provider} ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
            Console.WriteLine($"{"figure",-64} {"value",12}");
            Console.WriteLine($"{$"machine limit: raw {ceiling.Method}, 1,000 per transaction (rows/s)",-64} {ceiling.ReadingsPerSecond,12:N0}");
            Console.WriteLine($"{"  the same number of plain rows at that rate (s)",-64} {count / ceiling.ReadingsPerSecond,12:F1}");
            Console.WriteLine($"{"nightly run: load, score, store all grades, list (s)",-64} {total,12:F1}   target < 60 s  {(total < 60 ? "met" : "MISSED")}");
            Console.WriteLine($"{"  of which loading the facts, one query per kind (s, measured apart)",-64} {loadSeconds,12:F1}");
            Console.WriteLine($"{"  of which scoring and writing the explanations (s, measured apart)",-64} {scoreSeconds,12:F1}");
            Console.WriteLine($"{"  entities graded per second",-64} {run.Entities / total,12:N0}");
            Console.WriteLine($"{"  grades stored / newly listed for key supervision",-64} {$"{stored:N0} / {run.Listed:N0}",12}");
            Console.WriteLine($"{"  grade distribution",-64} {string.Join("  ", grades.Select(g => $"{g.Key} {g.Count:N0}")),12}");
        }
    }
}
