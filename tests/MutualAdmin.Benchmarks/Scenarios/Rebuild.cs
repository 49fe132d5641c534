using System.Diagnostics;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// 1,000,000 events loaded through the bulk path; the beneficiary register built live, then rebuilt
/// into a new generation and switched, against a raw Npgsql sequential read of the same events.
/// Events per second.
/// </summary>
public static class Rebuild
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var total = bench.Option("events", 1_000_000);
        await Load(bench, total);
        await RawRead(bench); // warms the page cache for both paths, and the baseline's JIT
        var raw = await RawRead(bench);

        // The initial build runs the same runner code, so it is also the project path's warm-up.
        var daemon = new ProjectionDaemon(bench.Store, [new BeneficiaryRegister()]);
        var stopwatch = Stopwatch.StartNew();
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForCatchUp(TimeSpan.FromMinutes(30));
        var initial = total / stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        await daemon.Rebuild("beneficiary-register");
        await daemon.WaitForRebuild("beneficiary-register", TimeSpan.FromMinutes(30));
        var rebuild = total / stopwatch.Elapsed.TotalSeconds;
        await daemon.StopAsync(CancellationToken.None);
        return new BenchResult("rebuild", rebuild, raw, FormattableString.Invariant(
            $"unit=events/s events={total} initial_build={initial:F0} rebuild_seconds={total / rebuild:F1} baseline=raw_sequential_read"));
    }

    internal static async Task Load(Bench bench, int total)
    {
        const int perBatch = 20_000;
        for (var start = 0; start < total; start += perBatch)
        {
            var bulk = bench.Store.Bulk(new EventMetadata("bench", "c", "import"));
            for (var i = start; i < start + perBatch; i += 2)
                bulk.StartStream(new StreamId("bench", $"household-{i}"), "household", Bench.Payload(i), Bench.Payload(i + 1));
            await bulk.Save();
        }
    }

    /// <summary>Every column of every event, in position order, in one streaming query.</summary>
    internal static async Task<double> RawRead(Bench bench)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var command = bench.DataSource.CreateCommand("""
            select seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data::text, metadata::text, recorded_at
              from events order by seq
            """);
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9));
            count++;
        }
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
