using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Units of work of 3 events on 3 distinct streams from 16 concurrent writers, against raw
/// transactions inserting the same 3 event rows from 16 connections. Events per second.
/// `--streams new` starts 3 new streams per unit; the default appends to existing streams with
/// exact expected versions, the common case (payments, claims, corrections on known records).
/// </summary>
public static class Append
{
    private static int Writers = 16;

    public static async Task<BenchResult> Run(Bench bench)
    {
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 10));
        Writers = bench.Option("writers", 16);
        await bench.CreateRawTable("raw_append");
        var json = System.Text.Json.JsonSerializer.Serialize(Bench.Payload(1), BenchJson.Default.BeneficiaryEnrolled);
        var metadata = """{"tenant": "bench", "command": "register", "correlationId": "c"}""";

        var newStreams = bench.Args.Contains("new");
        var writers = Enumerable.Range(0, Writers).Select(w => new Writer(w, newStreams)).ToArray();
        if (!newStreams) foreach (var w in writers) await w.CreateStreams(bench);

        // Warm both paths up (JIT, pools, plan caches) before measuring.
        await Bench.WarmUp(Writers, (w, n) => writers[w].Unit(bench, n), "store");
        await Bench.WarmUp(Writers, (_, _) => RawUnit(bench, json, metadata), "raw");

        var raw = await Bench.Throughput(Writers, duration, (_, _) => RawUnit(bench, json, metadata)) * 3;
        var store = await Bench.Throughput(Writers, duration, (w, n) => writers[w].Unit(bench, n + 1_000_000)) * 3;
        return new BenchResult("append", store, raw,
            $"unit=events/s writers={Writers} events_per_unit=3 streams={(newStreams ? "new" : "existing")} seconds={duration.TotalSeconds}");
    }

    /// <summary>One writer's streams and the versions it knows them at (it is their only writer).</summary>
    private sealed class Writer(int id, bool newStreams)
    {
        private const int Streams = 30;
        private readonly long[] versions = new long[Streams];

        public async Task CreateStreams(Bench bench)
        {
            var bulk = bench.Store.Bulk(new EventMetadata("bench", "c", "register"));
            for (var s = 0; s < Streams; s++) bulk.StartStream(Id(s), "household", Bench.Payload(s));
            await bulk.Save();
            Array.Fill(versions, 1);
        }

        public async Task Unit(Bench bench, long n)
        {
            await using var session = bench.Store.OpenSession(new EventMetadata("bench", "c", "register"));
            var first = (int)(n * 3 % Streams);
            for (var i = 0; i < 3; i++)
            {
                if (newStreams) session.StartStream(new StreamId("bench", $"w{id}-{n}-{i}"), "household", Bench.Payload(n * 3 + i));
                else session.Append(Id(first + i), ExpectedVersion.Exactly(versions[first + i]), [Bench.Payload(n * 3 + i)]);
            }
            await session.SaveChanges();
            if (!newStreams) for (var i = 0; i < 3; i++) versions[first + i]++;
        }

        private StreamId Id(int s) => new("bench", $"w{id}-s{s}");
    }

    private static async Task RawUnit(Bench bench, string json, string metadata)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, tx);
        for (var i = 0; i < 3; i++)
        {
            batch.BatchCommands.Add(new("""
                insert into raw_append (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, hash)
                values (nextval('raw_append_seq'), $1, 'bench', $2, 1, 'beneficiary-enrolled', 1, $3, $4, $5)
                """)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() },
                    new() { Value = Guid.NewGuid().ToString("N") },
                    new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb },
                    new() { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb },
                    new() { Value = new byte[32] },
                },
            });
        }
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
