using System.Diagnostics;
using System.Text.Json;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Enrolment.Importing;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 5: a collector's file of synthetic households (PopulationGenerator) through the collective
/// import (E-10), against a raw binary COPY of one event row per person of the same file.
/// Households/s; `--households N` (default 100,000). `--projections-after` holds the async projections
/// back during the import and then lets them catch up one at a time, timing each: the import path's
/// own figure and what each projection costs, where the default run shows only their sum on a
/// machine they share. `--floor` then times a plain COPY of the rows the import left (ImportFloor).
/// </summary>
public static class Import
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var households = bench.Option("households", 100_000);
        var perBatch = bench.Option("batch", CollectiveImport.HouseholdsPerBatch);
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={bench.ConnectionString}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        await app.Services.GetRequiredService<Tenants>().Create(new Tenant("bench", "Mutuelle bench"), default);
        var file = Path.Combine(Path.GetTempPath(), $"mutualadmin-import-{Guid.NewGuid():N}.csv");
        await using (var writer = new StreamWriter(file))
            HouseholdCsv.Write(writer, PopulationGenerator.FromSeeds(app.Services.GetRequiredService<SeedFiles>())
                .Generate(households, 7, DateOnly.FromDateTime(DateTime.UtcNow)), "coop-bench");
        var rows = File.ReadLines(file).Count() - 1;

        var raw = await RawCopy(bench, file, households);
        await WarmUp(app);
        var daemon = app.Services.GetRequiredService<ProjectionDaemon>();
        var after = bench.Flag("projections-after");
        var held = after ? daemon.Names.Order().ToList() : [];
        foreach (var name in held) await daemon.Pause(name, "held back by the import benchmark");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(1);
        var stopwatch = Stopwatch.StartNew();
        using var reader = new StreamReader(file);
        var report = await app.Services.GetRequiredService<CollectiveImport>()
            .Run("coop-bench", reader, EventMetadata.System("bench", "import-households"), Guid.NewGuid(), default, perBatch);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        // The host's CPU over the import (the async projections included), against the wall clock: on a
        // small machine the two cores are shared with PostgreSQL, so this shows which side is short.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        // Allocation is the steadiest measure of the host's own work: it does not move with the
        // machine's noise, and on two cores the garbage collector's share is taken from the import.
        var allocatedGb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9;
        var gen1Collections = GC.CollectionCount(1) - collections;
        var behind = await Behind(daemon);
        var catchUp = new List<string>();
        foreach (var name in held) catchUp.Add(await CatchUp(daemon, name));
        var floor = bench.Flag("floor") ? " " + await ImportFloor.Measure(bench, daemon, app.Services.GetServices<IProjection>(), "bench", seconds) : "";
        await app.StopAsync();
        File.Delete(file);
        foreach (var reason in report.Problems.GroupBy(p => p.Reason.Split(':')[0]).OrderByDescending(g => g.Count()).Take(5))
            Console.Error.WriteLine($"rejected: {reason.Count()} x {reason.Key} (e.g. row {reason.First().Row} {reason.First().Field}: {reason.First().Reason})");
        var perSecond = report.HouseholdsRegistered / seconds;
        return new BenchResult("import", perSecond, raw, FormattableString.Invariant(
            $"unit=households/s events_per_s={report.Events / seconds:F0} households={households} batch={perBatch} rows={rows} registered={report.HouseholdsRegistered} rejected_rows={report.RowsRejected} seconds={seconds:F1} host_cpu_seconds={cpuSeconds:F1} allocated_gb={allocatedGb:F2} gen1_collections={gen1Collections} projections_behind={behind}{(after ? $" projections_after=[{string.Join(' ', catchUp)}]" : "")}{floor}"));
    }

    /// <summary>
    /// Imports files of 2,000 households (each under a collector of its own, in a tenant of its own)
    /// until the JIT has finished tiering the import path up, as <see cref="Bench.WarmUp"/> does for the
    /// other scenarios, then lets the async projections finish them: the measured import runs on a host
    /// that has imported before, with no one else's work left over.
    /// </summary>
    private static async Task WarmUp(WebApplication app)
    {
        await app.Services.GetRequiredService<Tenants>().Create(new Tenant("warm-up", "Mutuelle warm-up"), default);
        var generator = PopulationGenerator.FromSeeds(app.Services.GetRequiredService<SeedFiles>());
        await Bench.UntilCompiled(async slice =>
        {
            var file = new StringWriter();
            HouseholdCsv.Write(file, generator.Generate(2_000, 1_000 + slice, DateOnly.FromDateTime(DateTime.UtcNow)), $"coop-warm-up-{slice}");
            await app.Services.GetRequiredService<CollectiveImport>().Run($"coop-warm-up-{slice}", new StringReader(file.ToString()),
                EventMetadata.System("warm-up", "import-households"), Guid.NewGuid(), default);
        }, "import (files of 2,000 households)");
        await app.Services.GetRequiredService<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// How many positions each async projection still had to read when the import returned: the work
    /// it left for afterwards, which differs from run to run and explains part of the spread.
    /// </summary>
    private static async Task<string> Behind(ProjectionDaemon daemon) =>
        string.Join(',', (await daemon.Status()).Where(s => s.Live).OrderBy(s => s.Name).Select(s => $"{s.Name}:{s.Head - s.Checkpoint}"));

    /// <summary>Resumes one projection held back and waits until it has read to the head: its seconds and the host's CPU seconds.</summary>
    private static async Task<string> CatchUp(ProjectionDaemon daemon, string name)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await daemon.Resume(name);
        await daemon.WaitForCatchUp([name], TimeSpan.FromMinutes(10));
        return FormattableString.Invariant(
            $"{name}:{stopwatch.Elapsed.TotalSeconds:F1}s/cpu{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1}s");
    }

    /// <summary>The same file's rows as event rows, one binary COPY, one transaction: households/s.</summary>
    private static async Task<double> RawCopy(Bench bench, string file, int households)
    {
        await bench.CreateRawTable("raw_import");
        var json = JsonSerializer.Serialize(Bench.Payload(1), BenchJson.Default.BeneficiaryEnrolled);
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy raw_import (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, hash) from stdin (format binary)"))
        {
            long seq = 0;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(',');
                await copy.StartRowAsync();
                await copy.WriteAsync(++seq, NpgsqlDbType.Bigint);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync("bench", NpgsqlDbType.Text);
                await copy.WriteAsync($"household-{fields[3]}", NpgsqlDbType.Text);
                await copy.WriteAsync(seq, NpgsqlDbType.Bigint);
                await copy.WriteAsync("member-registered", NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(json, NpgsqlDbType.Jsonb);
                await copy.WriteAsync("""{"tenant": "bench"}""", NpgsqlDbType.Jsonb);
                await copy.WriteAsync(new byte[32], NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
        return households / stopwatch.Elapsed.TotalSeconds;
    }
}
