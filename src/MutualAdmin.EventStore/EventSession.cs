using MutualAdmin.EventStore.Chain;
using System.Text;
using System.Globalization;
using System.Text.Json;
using JasperFx.Events;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Log;
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
                "select version from mt_streams where tenant_id = $1 and id = $2 for update", tx.Connection, tx);
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

    /// <summary>
    /// Appends everything pending through Marten and commits. Returns the recorded events, with their
    /// positions. The inline projections and other writes run first; then Marten appends the streams
    /// (expected versions checked); then one round trip places the events in the log under the append
    /// lock (positions in commit order: architecture.md guarantee 1), chains them and commits.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> SaveChanges(CancellationToken ct = default)
    {
        if (pending.Count == 0)
            throw new InvalidAppendException("a unit of work needs at least one event");
        // Serialised first, as the log will hold them: sealing a new person's data mints the key the
        // inline projections then store. Marten is handed these exact bytes.
        foreach (var (_, data) in pending) store.Prepared.AddOrUpdate(data, store.Types.Serialize(data).Json);
        var events = pending.Select(p => new PendingEvent(p.Id.Key, p.Data)).ToList();
        List<IInlineProjection> concerned = store.InlineProjections.Count == 0 ? [] : [.. store.InlineProjections.Where(p => p.Concerns(events))];
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
            return await AppendAndCommit(tx, ct);
        }
        catch (PostgresException e)
        {
            throw SqlErrors.Translate(e);
        }
        catch (Exception e) when (MartenErrors.Translate(e) is { } translated)
        {
            throw translated;
        }
        finally
        {
            if (gated) store.AppendGate.Release();
            foreach (var (_, data) in pending) store.Prepared.Remove(data);
            pending.Clear();
            streams.Clear();
            writesOnSave.Clear();
            await EndTransaction();
        }
    }

    private async Task<IReadOnlyList<RecordedEvent>> AppendAndCommit(NpgsqlTransaction tx, CancellationToken ct)
    {
        // The unit's existing stream rows, locked in key order before Marten appends: a unit that fetched
        // a stream exclusively is waited for here, and two units never lock the same rows crosswise.
        var existing = streams.Where(s => s.Expected != ExpectedVersion.NoStream).Select(s => s.Id.Key).Order(StringComparer.Ordinal).ToArray();
        if (existing.Length > 0)
        {
            await using var lockRows = new NpgsqlCommand(
                "select 1 from mt_streams where tenant_id = $1 and id = any($2) order by id for update", tx.Connection, tx);
            lockRows.Parameters.Add(new() { Value = Tenant });
            lockRows.Parameters.Add(new() { Value = existing });
            await lockRows.ExecuteNonQueryAsync(ct);
        }

        await using var session = MartenLog.Session(store.Marten, Tenant, tx, Metadata);
        // Streams in the order the unit first appended to them, each with its events in order: Marten
        // draws positions stream by stream, so a payment that activates its affiliation is positioned
        // before the activation, as the unit said. (Appends cannot deadlock on each other: they run
        // one at a time under the append lock.)
        var actions = new Dictionary<StreamId, StreamAction>();
        foreach (var (id, _, expected) in streams.OrderBy(s => pending.FindIndex(p => p.Id == s.Id)))
        {
            var data = pending.Where(p => p.Id == id).Select(p => p.Data).ToArray();
            StreamAction action;
            if (expected == ExpectedVersion.NoStream)
            {
                // The stream type names the stream in errors only: Marten records an aggregate's CLR
                // type there, which these streams do not have until they become Marten aggregates.
                action = session.Events.StartStream(id.Key, data);
                action.ExpectedVersionOnServer = 0; // refused if the stream exists, never appended to
            }
            else
            {
                action = session.Events.Append(id.Key, data);
                if (expected != ExpectedVersion.Any) action.ExpectedVersionOnServer = expected.Value;
            }
            foreach (var e in action.Events)
            {
                e.Id = Guid.CreateVersion7(); // known before the save, so the recorded events name the stored ids
                if (store.Types.SchemaVersionOf(e.Data.GetType()) is var v and > 1) e.SetHeader(MartenLog.Headers.SchemaVersion, v);
            }
            actions[id] = action;
        }
        await session.SaveChangesAsync(ct);

        // Then, in one round trip: the events placed in the log (positions drawn under the append lock,
        // in the unit's order, and chained), the instant Marten stamped, and the commit that releases
        // the lock. The lock is held for that statement and the commit only, never across a round trip.
        var taken = actions.Keys.ToDictionary(k => k, _ => 0);
        var appended = pending.Select(p => actions[p.Id].Events[taken[p.Id]++]).ToList();
        await using var chain = new NpgsqlBatch(tx.Connection, tx)
        {
            BatchCommands =
            {
                new("select chain_events($1, $2, $4), (select timestamp from mt_events where tenant_id = $1 and seq_id = $3)")
                {
                    Parameters =
                    {
                        new() { Value = Tenant },
                        new() { Value = appended.Select(e => e.Sequence).ToArray() },
                        new() { Value = appended[0].Sequence },
                        new() { Value = HashedBodies(appended) },
                    },
                },
                new("commit"),
            },
        };
        long[] positions;
        DateTimeOffset recordedAt;
        await using (var reader = await chain.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            positions = reader.GetFieldValue<long[]>(0);
            recordedAt = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return [.. pending.Select((p, i) =>
        {
            var type = p.Data.GetType();
            return new RecordedEvent(positions[i], appended[i].Id, Tenant, p.Id.Key, appended[i].Version, store.Types.AliasOf(type)!,
                store.Types.SchemaVersionOf(type), p.Data, Metadata, recordedAt);
        })];
    }

    /// <summary>
    /// Each event's hashed text after its position, as the chain specifies it (EventHash): built here,
    /// before the append lock, from the JSON the unit wrote, in jsonb's canonical text form.
    /// </summary>
    private byte[][] HashedBodies(IReadOnlyList<IEvent> appended)
    {
        var metadata = CanonicalJson.Normalize(JsonSerializer.SerializeToUtf8Bytes(Metadata, StoreJson.Default.EventMetadata));
        return [.. pending.Select((p, i) =>
        {
            var type = p.Data.GetType();
            var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{Tenant}\n{p.Id.Key}\n{appended[i].Version}\n{store.Types.AliasOf(type)}\n{store.Types.SchemaVersionOf(type)}\n"));
            var data = CanonicalJson.Normalize(Encoding.UTF8.GetBytes(store.Prepared.TryGetValue(p.Data, out var json) ? json : store.Types.Serialize(p.Data).Json));
            return (byte[])[.. head, .. data, (byte)'\n', .. metadata];
        })];
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
