using System.Diagnostics;
using System.Text.Json.Serialization;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Embedded;
using MutualAdmin.EventStore.Events;
using Npgsql;

namespace MutualAdmin.Benchmarks;

/// <summary>A payload the size and shape of a real enrolment event.</summary>
public sealed record BeneficiaryEnrolled(string BeneficiaryNumber, string Household, string Sex, int BirthYear,
    string Locality, string SubsidyCategory, string Relationship, DateOnly EnrolledOn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BeneficiaryEnrolled))]
public sealed partial class BenchJson : JsonSerializerContext;

/// <summary>One database for one scenario run, the store over it, and the run's options.</summary>
public sealed class Bench : IAsyncDisposable
{
    private readonly EmbeddedPostgres? cluster;

    private Bench(EmbeddedPostgres? cluster, EventStore.EventStore store, string[] args)
    {
        this.cluster = cluster;
        Store = store;
        Args = args;
    }

    public EventStore.EventStore Store { get; }
    public NpgsqlDataSource DataSource => Store.DataSource;
    public string[] Args { get; }

    /// <summary>With its password, for a host started in-process (the data source hides it).</summary>
    public string ConnectionString { get; private init; } = "";

    /// <summary>The server's commit settings as measured under, e.g. "synchronous_commit=off fsync=off".</summary>
    public string Durability { get; private init; } = "";

    private static async Task<string> Settings(NpgsqlDataSource dataSource)
    {
        var shown = new List<string>();
        foreach (var setting in new[] { "synchronous_commit", "fsync" })
        {
            await using var command = dataSource.CreateCommand($"show {setting}");
            shown.Add($"{setting}={await command.ExecuteScalarAsync()}");
        }
        return string.Join(' ', shown);
    }

    public int Option(string name, int fallback)
    {
        var i = Array.IndexOf(Args, $"--{name}");
        return i >= 0 && i + 1 < Args.Length ? int.Parse(Args[i + 1]) : fallback;
    }

    public bool Flag(string name) => Args.Contains($"--{name}");

    public static async Task<Bench> Start(string[] args)
    {
        var configured = Environment.GetEnvironmentVariable("MUTUALADMIN_BENCH_DB");
        EmbeddedPostgres? cluster = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            // A temporary cluster, by default with synchronous_commit and fsync off so that the figures
            // measure the work rather than this machine's disk; --durable runs it as the host runs its
            // own (both on). The settings are the server's, so the project's path and the baseline run
            // under the same one, and the RESULT line states it.
            cluster = await EmbeddedPostgres.Start(Path.Combine(Path.GetTempPath(), $"mutualadmin-bench-{Guid.NewGuid():N}"),
                args.Contains("--durable") ? new EmbeddedOptions { SynchronousCommit = true, Temporary = true } : EmbeddedOptions.Throwaway);
        }
        var connectionString = configured ?? cluster!.ConnectionString;
        var dataSource = EventStore.EventStore.CreateDataSource(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 100 }.ConnectionString);
        var store = new EventStore.EventStore(dataSource,
            new EventTypes().Register("beneficiary-enrolled", BenchJson.Default.BeneficiaryEnrolled));
        await store.Migrate();
        return new Bench(cluster, store, args) { ConnectionString = connectionString, Durability = await Settings(dataSource) };
    }

    public static BeneficiaryEnrolled Payload(long i) => new(
        $"1{i:D10}", $"household-{i / 4}", i % 2 == 0 ? "F" : "M", 1960 + (int)(i % 60),
        "SN-DK-PIK", "standard", i % 4 == 0 ? "member" : "child", new DateOnly(2026, 3, 15));

    public async Task Execute(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A table shaped and indexed like the events table, for the raw baseline to write into.</summary>
    public Task CreateRawTable(string name) => Execute($"""
        drop table if exists {name};
        create table {name} (like events including defaults including indexes);
        create sequence if not exists {name}_seq;
        """);

    /// <summary>Runs <paramref name="work"/> on <paramref name="writers"/> tasks for a fixed time; returns units done per second.</summary>
    public static async Task<double> Throughput(int writers, TimeSpan duration, Func<int, long, Task> work)
    {
        long done = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (long n = 0; stopwatch.Elapsed < duration; n++)
            {
                await work(w, n);
                Interlocked.Increment(ref done);
            }
        })));
        return done / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in two-second slices until the JIT has finished tiering the path up
    /// (under 100 ms of compiling in a slice) or a minute has passed, so that the measured window sees
    /// the code a long-running host runs. On two cores a 2 s warm-up left the background compiler busy
    /// through the next 25 s of `enrol` (3 to 4 s of JIT time every 5 s), competing with the path it
    /// was compiling. Slice k passes n from 10,000,000 + k * 1,000,000, clear of a measured run's own n.
    /// </summary>
    public static Task WarmUp(int writers, Func<int, long, Task> work, string path) =>
        UntilCompiled(slice => Throughput(writers, TimeSpan.FromSeconds(2), (w, n) => work(w, n + 10_000_000 + slice * 1_000_000L)), path);

    /// <summary>Runs slice 0, 1, 2… of a warm-up until one spends under 100 ms compiling, or a minute has passed.</summary>
    public static async Task UntilCompiled(Func<int, Task> slice, string path)
    {
        var started = Stopwatch.StartNew();
        for (var k = 0; ; k++)
        {
            var compiling = System.Runtime.JitInfo.GetCompilationTime();
            await slice(k);
            compiling = System.Runtime.JitInfo.GetCompilationTime() - compiling;
            if (compiling < TimeSpan.FromMilliseconds(100) || started.Elapsed > TimeSpan.FromMinutes(1))
            {
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"warm-up {path}: {k + 1} slices in {started.Elapsed.TotalSeconds:F0} s, last slice compiling {compiling.TotalMilliseconds:F0} ms"));
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

public sealed record BenchResult(string Scenario, double Value, double Baseline, string Details)
{
    public override string ToString() => FormattableString.Invariant(
        $"RESULT scenario={Scenario} value={Value:F1} baseline={Baseline:F1} ratio={Value / Baseline:F3} {Details}");
}
