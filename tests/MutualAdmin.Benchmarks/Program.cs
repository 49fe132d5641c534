using MutualAdmin.Benchmarks;
using MutualAdmin.Benchmarks.Scenarios;

// The benchmark harness: every scenario measures the project's path and a raw Npgsql baseline doing
// the same rows, in the same run on the same database, and ends with one RESULT line.
var scenarios = new Dictionary<string, Func<Bench, Task<BenchResult>>>(StringComparer.OrdinalIgnoreCase)
{
    ["append"] = Append.Run,
    ["bulk"] = Bulk.Run,
    ["rebuild"] = Rebuild.Run,
    ["lag"] = Lag.Run,
    ["enrol"] = Enrol.Run,
    ["import"] = Import.Run,
    ["eligibility"] = Eligibility.Run,
    ["verify"] = Verify.Run,
    ["payments"] = Payments.Run,
    ["claims"] = Claims.Run,
    ["reports"] = Reports.Run,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/MutualAdmin.Benchmarks -- <{string.Join('|', scenarios.Keys)}> [--seconds N]");
    Console.Error.WriteLine("Uses MUTUALADMIN_BENCH_DB when set, else a private temporary PostgreSQL (synchronous_commit and fsync off; --durable: on).");
    return 2;
}

await using var bench = await Bench.Start(args);
Console.Error.WriteLine($"cluster: {bench.Durability} (the project's path and the baseline alike)");
var result = await run(bench);
Console.WriteLine(result with { Details = $"{result.Details} {bench.Durability}" });
return 0;
