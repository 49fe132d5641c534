using System.Diagnostics;
using System.Text.Json;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// 200,000 events (100,000 new streams of 2 events, in batches of 20,000 events) through the store's
/// bulk path, against raw binary COPY of the same rows into a table shaped like events. Events per second.
/// </summary>
public static class Bulk
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var total = bench.Option("events", 200_000);
        const int perBatch = 20_000;
        await bench.CreateRawTable("raw_bulk");
        await Raw(bench, perBatch, perBatch, "warm"); // JIT and caches
        await Store(bench, perBatch, perBatch, "warm");

        var raw = await Raw(bench, total, perBatch, "run");
        var store = await Store(bench, total, perBatch, "run");
        return new BenchResult("bulk", store, raw, $"unit=events/s events={total} batch={perBatch}");
    }

    private static async Task<double> Store(Bench bench, int total, int perBatch, string run)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < total; start += perBatch)
        {
            var bulk = bench.Store.Bulk(new EventMetadata("bench", "c", "import"));
            for (var i = start; i < start + perBatch; i += 2)
                bulk.StartStream(new StreamId("bench", $"{run}-{i}"), "household", Bench.Payload(i), Bench.Payload(i + 1));
            await bulk.Save();
        }
        return total / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> Raw(Bench bench, int total, int perBatch, string run)
    {
        var metadata = """{"tenant": "bench", "command": "import", "correlationId": "c"}""";
        var stopwatch = Stopwatch.StartNew();
        long seq = run == "warm" ? 10_000_000 : 0;
        for (var start = 0; start < total; start += perBatch)
        {
            await using var connection = await bench.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "copy raw_bulk (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, recorded_at, hash) from stdin (format binary)"))
            {
                for (var i = start; i < start + perBatch; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(++seq, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync("bench", NpgsqlDbType.Text);
                    await copy.WriteAsync($"{run}-{i - i % 2}", NpgsqlDbType.Text);
                    await copy.WriteAsync(1L + i % 2, NpgsqlDbType.Bigint);
                    await copy.WriteAsync("beneficiary-enrolled", NpgsqlDbType.Text);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(JsonSerializer.Serialize(Bench.Payload(i), BenchJson.Default.BeneficiaryEnrolled), NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(metadata, NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(new byte[32], NpgsqlDbType.Bytea);
                }
                await copy.CompleteAsync();
            }
            await tx.CommitAsync();
        }
        return total / stopwatch.Elapsed.TotalSeconds;
    }
}
