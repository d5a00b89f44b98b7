using System.Globalization;
using Tianmu.Bench;

// Benchmarks print their figures beside the machine's own limit, measured in the same run.
// Usage: dotnet run -c Release --project bench/Tianmu.Bench -- entities [count] [sqlite|postgres]
//        dotnet run -c Release --project bench/Tianmu.Bench -- ingest [seconds] [http devices] [sqlite|postgres] [http|hj212|all] [hj212 devices]
//        dotnet run -c Release --project bench/Tianmu.Bench -- warnings [seconds] [senders] [sqlite|postgres]
//        dotnet run -c Release --project bench/Tianmu.Bench -- log [appends] [sqlite|postgres] [file MB]
//        dotnet run -c Release --project bench/Tianmu.Bench -- pdf [documents] [pages in the pool]
//        dotnet run -c Release --project bench/Tianmu.Bench -- credit [entities] [sqlite|postgres]
// PostgreSQL: TIANMU_TEST_PG is an admin connection string; the benchmark creates and drops its own database.
var suite = args.FirstOrDefault() ?? "entities";
int Number(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
string Word(int index, string fallback) => args.Length > index ? args[index] : fallback;
switch (suite)
{
    case "entities":
        await EntityListBenchmark.RunAsync(Number(1, 100_000), Word(2, "sqlite"));
        return 0;
    case "ingest":
        await IngestBenchmark.RunAsync(Number(1, 20), Number(2, 4), Word(3, "sqlite"), Word(4, "http"), Number(5, 100));
        return 0;
    case "warnings":
        await WarningBenchmark.RunAsync(Number(1, 20), Number(2, 4), Word(3, "sqlite"));
        return 0;
    case "log":
        await LogBenchmark.RunAsync(Number(1, 100_000), Word(2, "sqlite"), Number(3, 512));
        return 0;
    case "pdf":
        await DocumentBenchmark.RunAsync(Number(1, 200), Number(2, 3));
        return 0;
    case "credit":
        await CreditBenchmark.RunAsync(Number(1, 200_000), Word(2, "sqlite"));
        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{suite}'; available: entities, ingest, warnings, log, pdf, credit");
        return 2;
}
