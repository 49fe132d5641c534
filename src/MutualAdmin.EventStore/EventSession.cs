using System.Text.Json;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.EventStore;

/// <summary>A stream's folded state and the version it was folded at, for an optimistic append.</summary>
public sealed record StreamState<TState>(StreamId Id, TState State, long Version);

/// <summary>
/// A unit of work of one tenant: reads, then appends to one or more streams, saved in one
/// transaction by one call of the append function. Not thread-safe; one per command.
/// </summary>
public sealed class EventSession : IAsyncDisposable
{
    private readonly EventStore store;
    private readonly List<(StreamId Id, string Type, ExpectedVersion Expected)> streams = [];
    private readonly List<(StreamId Id, object Data)> pending = [];
    private readonly List<Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>> writesOnSave = [];
    private NpgsqlConnection? connection;
    private NpgsqlTransaction? transaction;

    internal EventSession(EventStore store, EventMetadata metadata)
    {
        Names.Check(metadata.Tenant, "tenant");
        this.store = store;
        Metadata = metadata;
    }

    public string Tenant => Metadata.Tenant;
    public EventMetadata Metadata { get; set; }
    public EventReader Reader => store.ReaderFor(Tenant);

    public void StartStream(StreamId id, string streamType, params object[] events) =>
        Append(id, ExpectedVersion.NoStream, events, streamType);

    public void Append<TState>(StreamState<TState> fetched, params object[] events) =>
        Append(fetched.Id, ExpectedVersion.Exactly(fetched.Version), events);

    public void Append(StreamId id, ExpectedVersion expected, object[] events, string streamType = "stream")
    {
        store.CheckTenant(Tenant, id);
        Names.Check(streamType, "stream type");
        foreach (var e in events)
            if (!store.Types.IsRegistered(e.GetType()))
                throw new InvalidAppendException($"event type {e.GetType().Name} has no registered alias");
        var known = streams.FindIndex(s => s.Id == id);
        if (known < 0) streams.Add((id, streamType, expected));
        else if (streams[known].Expected != expected && expected != ExpectedVersion.Any)
            throw new InvalidAppendException($"stream {id} was already given expected version {streams[known].Expected}");
        pending.AddRange(events.Select(e => (id, e)));
    }

    /// <summary>Reads several streams in one round trip and folds each, for a unit that appends to many (a batch and its claims).</summary>
    public async Task<IReadOnlyList<StreamState<TState>>> FetchManyForWriting<TState>(IReadOnlyList<StreamId> ids, TState initial,
        Func<TState, object, TState> evolve, CancellationToken ct = default)
    {
        foreach (var id in ids) store.CheckTenant(Tenant, id);
        var read = await Reader.ReadStreams(ids, connection, ct);
        return [.. ids.Select(id => new StreamState<TState>(id, EventReader.Fold(initial, evolve, read[id]),
            read[id].Count == 0 ? 0 : read[id][^1].Version))];
    }

    /// <summary>Reads a stream and folds it. With <paramref name="exclusive"/> the stream row stays locked until this session saves or ends.</summary>
    public async Task<StreamState<TState>> FetchForWriting<TState>(StreamId id, TState initial,
        Func<TState, object, TState> evolve, bool exclusive = false, CancellationToken ct = default)
    {
        store.CheckTenant(Tenant, id);
        NpgsqlConnection? reading = null;
        if (exclusive)
        {
            var tx = await Transaction(ct);
            await using var lockRow = new NpgsqlCommand(
                "select version from streams where tenant_id = $1 and stream_id = $2 for update", tx.Connection, tx);
            lockRow.Parameters.Add(new() { Value = id.Tenant });
            lockRow.Parameters.Add(new() { Value = id.Key });
            await lockRow.ExecuteScalarAsync(ct);
            reading = tx.Connection;
        }
        var events = await Reader.ReadStream(id, connection: reading ?? connection, ct: ct);
        return new(id, EventReader.Fold(initial, evolve, events), events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>
    /// A write that must commit with this unit's events (an outbox message, a uniqueness row). It runs
    /// inside <see cref="SaveChanges"/>, after the inline projections and before the append, so adding
    /// it takes no lock and opens no transaction early.
    /// </summary>
    public void WriteOnSave(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write) => writesOnSave.Add(write);

    /// <summary>The session's transaction, begun on first use, for inline writes that must commit with the events.</summary>
    public async Task<NpgsqlTransaction> Transaction(CancellationToken ct = default)
    {
        connection ??= await store.DataSource.OpenConnectionAsync(ct);
        return transaction ??= await connection.BeginTransactionAsync(ct);
    }

    /// <summary>Appends everything pending and commits. Returns the recorded events, with their positions.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> SaveChanges(CancellationToken ct = default)
    {
        if (pending.Count == 0)
            throw new InvalidAppendException("a unit of work needs at least one event");
        // Serialize and take a pooled connection before queuing: a unit holding the gate should only
        // be waiting on the database, never on work it could have done earlier.
        var append = PrepareAppend();
        var events = pending.Select(p => new PendingEvent(p.Id.Key, p.Data)).ToList();
        List<IInlineProjection> concerned = store.InlineProjections.Count == 0 ? [] : [.. store.InlineProjections.Where(p => p.Concerns(events))];
        // Units that start streams stay on the transactional path: measured on 2 cores, 16 writers starting
        // 3 streams a unit reached 0.14-0.19 of raw pipelined against 0.28 in transactions (the function
        // itself is as fast for new streams under pgbench; the cause on the client side is not found yet).
        if (transaction is null && writesOnSave.Count == 0 && concerned.Count == 0 && store.Pipeline is { } pipeline
            && streams.All(s => s.Expected != ExpectedVersion.NoStream))
        {
            try { return await AppendAlone(pipeline, append, ct); }
            catch (PostgresException e) { throw SqlErrors.Translate(e); }
            finally { pending.Clear(); streams.Clear(); }
        }
        connection ??= await store.DataSource.OpenConnectionAsync(ct);
        // Queue for the gate before taking any row lock, so a unit holding the gate never waits for
        // one that waits for the gate. A transaction begun earlier (exclusive fetch) may already hold
        // row locks, so it goes straight on.
        var gated = transaction is null;
        if (gated) await store.AppendGate.WaitAsync(ct);
        try
        {
            var tx = await Transaction(ct);
            foreach (var projection in concerned) await projection.Apply(Tenant, events, tx.Connection!, tx, ct);
            foreach (var write in writesOnSave) await write(tx.Connection!, tx, ct);
            return await AppendAndCommit(append, tx, ct);
        }
        catch (PostgresException e)
        {
            throw SqlErrors.Translate(e);
        }
        finally
        {
            if (gated) store.AppendGate.Release();
            pending.Clear();
            streams.Clear();
            writesOnSave.Clear();
            await EndTransaction();
        }
    }

    /// <summary>
    /// A unit with nothing to write but its events: the append call alone, in its own implicit
    /// transaction (the function is atomic; its locks end with the statement), on the pipeline.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> AppendAlone(NpgsqlDataSource pipeline, PreparedAppend append, CancellationToken ct)
    {
        await using var command = pipeline.CreateCommand(AppendCall);
        command.Parameters.AddRange(append.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await Recorded(append, reader, ct);
    }

    private const string AppendCall =
        "select positions, versions, recorded_at from append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private sealed record PreparedAppend(NpgsqlParameter[] Parameters, List<((StreamId Id, object Data) Pending, (string Alias, int SchemaVersion, string Json) Event, Guid EventId)> Events);

    /// <summary>The append function's call for everything pending (no database work).</summary>
    private PreparedAppend PrepareAppend()
    {
        // A fixed locking order across all writers: no deadlock between units touching the same streams.
        var ordered = streams.OrderBy(s => s.Id.Key, StringComparer.Ordinal).ToList();
        var index = ordered.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        var metadata = JsonSerializer.Serialize(Metadata, StoreJson.Default.EventMetadata);
        var events = pending.Select(p => (Pending: p, Event: store.Types.Serialize(p.Data), EventId: Guid.CreateVersion7())).ToList();

        NpgsqlParameter[] parameters =
        [
            new() { Value = Tenant },
            new() { Value = ordered.Select(s => s.Id.Key).ToArray() },
            new() { Value = ordered.Select(s => s.Type).ToArray() },
            new() { Value = ordered.Select(s => s.Expected.Value).ToArray() },
            new() { Value = events.Select(s => index[s.Pending.Id]).ToArray() },
            new() { Value = events.Select(s => s.EventId).ToArray() },
            new() { Value = events.Select(s => s.Event.Alias).ToArray() },
            new() { Value = events.Select(s => s.Event.SchemaVersion).ToArray() },
            new() { Value = events.Select(s => s.Event.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new() { Value = Enumerable.Repeat(metadata, events.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        ];
        return new(parameters, events);
    }

    /// <summary>
    /// Sends the append call and COMMIT in one round trip: the global append lock is then held for
    /// the function's work and the commit only, never for a network wait on the client.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> AppendAndCommit(PreparedAppend append, NpgsqlTransaction tx, CancellationToken ct)
    {
        var call = new NpgsqlBatchCommand(AppendCall);
        call.Parameters.AddRange(append.Parameters);
        await using var batch = new NpgsqlBatch(tx.Connection, tx) { BatchCommands = { call, new("commit") } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await Recorded(append, reader, ct);
    }

    /// <summary>The function's one row: each event's position and version, and the instant of the unit.</summary>
    private async Task<IReadOnlyList<RecordedEvent>> Recorded(PreparedAppend append, NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        var positions = reader.GetFieldValue<long[]>(0);
        var versions = reader.GetFieldValue<long[]>(1);
        var recordedAt = reader.GetFieldValue<DateTimeOffset>(2);
        return [.. append.Events.Select((e, i) => new RecordedEvent(positions[i], e.EventId, Tenant, e.Pending.Id.Key, versions[i],
            e.Event.Alias, e.Event.SchemaVersion, e.Pending.Data, Metadata, recordedAt))];
    }

    private async Task EndTransaction()
    {
        if (transaction is not null) await transaction.DisposeAsync();
        transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransaction();
        if (connection is not null) await connection.DisposeAsync();
        connection = null;
    }
}
