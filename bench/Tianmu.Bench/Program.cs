using Tianmu.Bench;

// Benchmarks print their figures beside the machine's own limit, measured in the same run.
// Usage: dotnet run -c Release --project bench/Tianmu.Bench -- entities [count] [sqlite|postgres]
//        dotnet run -c Release --project bench/Tianmu.Bench -- ingest [seconds] [devices]
var suite = args.FirstOrDefault() ?? "entities";
switch (suite)
{
    case "entities":
        await EntityListBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
            args.Length > 2 ? args[2] : "sqlite");
        return 0;
    case "ingest":
        await IngestBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4);
        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{suite}'; available: entities, ingest");
        return 2;
}
