using System.Text.Json;
using MutualAdmin.EventStore.Chain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Log;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.EventStore;

/// <summary>
/// The fast path for starting many new streams at once (collective import, seeding): binary COPY
/// instead of the append function. It keeps every guarantee of the normal path: a stream that already
/// exists fails the whole batch with a concurrency error, positions are drawn under the same global
/// lock (so position order is still commit order), and the hash chain is computed here over the same
/// canonical text the SQL function would hash. The store's inline projections write their rows in the
/// same transaction, set-based when they offer it (<see cref="IBulkInlineProjection"/>).
/// </summary>
public sealed class BulkAppender
{
    private readonly EventStore store;
    private readonly EventMetadata metadata;
    private readonly List<(StreamId Id, string Type, object[] Events)> streams = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    internal BulkAppender(EventStore store, EventMetadata metadata)
    {
        Names.Check(metadata.Tenant, "tenant");
        this.store = store;
        this.metadata = metadata;
    }

    public int StreamCount => streams.Count;

    public void StartStream(StreamId id, string streamType, params object[] events)
    {
        store.CheckTenant(metadata.Tenant, id);
        Names.Check(streamType, "stream type");
        if (events.Length == 0) throw new InvalidAppendException($"stream {id} is started with no event");
        if (!keys.Add(id.Key)) throw new InvalidAppendException($"stream {id} is started twice in one batch");
        streams.Add((id, streamType, events));
    }

    /// <summary>Writes the batch in one transaction and returns the position of its last event.</summary>
    public async Task<long> Save(CancellationToken ct = default)
    {
        if (streams.Count == 0) throw new InvalidAppendException("a bulk append needs at least one stream");
        var tenant = metadata.Tenant;
        var metadataJson = CanonicalJson.Normalize(JsonSerializer.SerializeToUtf8Bytes(metadata, StoreJson.Default.EventMetadata));
        // Serialised and put in canonical form before the global lock, on every core (the events are
        // independent): under the lock only the hashes are computed.
        var flat = streams.SelectMany(s => s.Events.Select((e, i) => (s.Id.Key, Version: i + 1L, Event: e))).ToArray();
        var events = new (string Key, long Version, string Alias, int SchemaVersion, byte[] Data)[flat.Length];
        Parallel.For(0, flat.Length, i =>
        {
            var e = store.Types.SerializeToUtf8(flat[i].Event);
            events[i] = (flat[i].Key, flat[i].Version, e.Alias, e.SchemaVersion, CanonicalJson.Normalize(e.Json));
        });
        var pending = streams.SelectMany(s => s.Events.Select(e => new PendingEvent(s.Id.Key, e))).ToList();

        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                "copy mt_streams (tenant_id, id, version) from stdin (format binary)", ct))
            {
                foreach (var s in streams)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(s.Id.Key, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync((long)s.Events.Length, NpgsqlDbType.Bigint, ct);
                }
                await copy.CompleteAsync(ct);
            }
            // Before the global lock, as in a session: the lock is held for positions, events and commit only.
            foreach (var projection in store.InlineProjections)
                if (projection is IBulkInlineProjection bulk) await bulk.ApplyToNewStreams(tenant, pending, connection, tx, ct);
                else await projection.Apply(tenant, pending, connection, tx, ct);

            var (first, firstSeq, now, previous) = await DrawPositions(connection, tx, tenant, events.Length, ct);
            // Marten's columns for who and why; the chain hashes them in EventMetadata's JSON shape.
            var headers = JsonSerializer.SerializeToUtf8Bytes(new MetadataHeaders(metadata.Command, metadata.Role, metadata.ClientId, metadata.Reason),
                StoreJson.Default.MetadataHeaders);
            var hashes = new byte[events.Length][];
            await using (var copy = await connection.BeginBinaryImportAsync(
                "copy mt_events (seq_id, id, tenant_id, stream_id, version, type, data, timestamp, correlation_id, causation_id, user_name, headers) from stdin (format binary)", ct))
            {
                var position = first;
                for (var i = 0; i < events.Length; i++, position++)
                {
                    var e = events[i];
                    hashes[i] = previous = EventHash.Compute(previous, position, tenant, e.Key, e.Version, e.Alias, e.SchemaVersion, e.Data, metadataJson);
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(firstSeq + i, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Key, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(e.Alias, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    await WriteNullable(copy, metadata.CorrelationId, ct);
                    await WriteNullable(copy, metadata.CausationId, ct);
                    await WriteNullable(copy, metadata.UserId, ct);
                    await copy.WriteAsync(headers, NpgsqlDbType.Jsonb, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                "copy event_chain (position, tenant_id, seq_id, hash) from stdin (format binary)", ct))
            {
                for (var i = 0; i < events.Length; i++)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(first + i, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(firstSeq + i, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(hashes[i], NpgsqlDbType.Bytea, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await tx.CommitAsync(ct);
            return first + events.Length - 1;
        }
        catch (PostgresException e)
        {
            throw SqlErrors.Translate(e);
        }
        finally
        {
            streams.Clear();
            keys.Clear();
        }
    }

    /// <summary>Takes the append lock (held to commit) and reserves a contiguous range of positions.</summary>
    private static async Task<(long First, long FirstSeq, DateTimeOffset Now, byte[] Previous)> DrawPositions(
        NpgsqlConnection connection, NpgsqlTransaction tx, string tenant, int count, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new(AppendLock.Take),
                new("""
                    select setval('log_position', nextval('log_position') + $1 - 1) - $1 + 1,
                           setval('mt_events_sequence', nextval('mt_events_sequence') + $1 - 1) - $1 + 1, now(),
                           (select hash from event_chain where tenant_id = $2 order by position desc limit 1)
                    """) { Parameters = { new() { Value = (long)count }, new() { Value = tenant } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? EventHash.Genesis : reader.GetFieldValue<byte[]>(3));
    }

    private static Task WriteNullable(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
}
