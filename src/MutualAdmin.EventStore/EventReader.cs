using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using Npgsql;

namespace MutualAdmin.EventStore;

/// <summary>
/// Reads the log: a stream (optionally up to a version or an instant) or everything after a position.
/// Scoped to one tenant, or to none for the explicit cross-tenant readers.
/// </summary>
public sealed class EventReader
{
    private const string Columns =
        "seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data::text, metadata::text, recorded_at";

    private readonly EventStore store;
    private readonly string? tenant;
    private readonly bool openSealed;

    internal EventReader(EventStore store, string? tenant, bool openSealed = true)
    {
        this.store = store;
        this.tenant = tenant;
        this.openSealed = openSealed;
    }

    /// <summary>
    /// The same reader, giving events with their sealed parts left closed (null, as after an erasure):
    /// for the long reads that never show them (a dashboard's counts, a locality's households), which
    /// then neither fetch a key nor decrypt anything per event.
    /// </summary>
    public EventReader WithSealedPartsClosed() => new(store, tenant, openSealed: false);

    /// <summary>The keys of this tenant's streams that start with <paramref name="prefix"/>, in key order.</summary>
    public async Task<IReadOnlyList<string>> StreamKeysStartingWith(string prefix, CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(
            "select id from mt_streams where tenant_id = $1 and starts_with(id, $2) order by id");
        command.Parameters.Add(new() { Value = tenant ?? throw new InvalidOperationException("stream keys are read in one tenant") });
        command.Parameters.Add(new() { Value = prefix });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(ct)) keys.Add(reader.GetString(0));
        return keys;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStream(StreamId id, long fromVersion = 1,
        long? toVersion = null, DateTimeOffset? asOf = null, NpgsqlConnection? connection = null, CancellationToken ct = default)
    {
        store.CheckTenant(tenant ?? id.Tenant, id);
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events
             where tenant_id = $1 and stream_id = $2 and version >= $3
               and ($4::bigint is null or version <= $4) and ($5::timestamptz is null or recorded_at <= $5)
             order by version
            """);
        command.Parameters.Add(new() { Value = id.Tenant });
        command.Parameters.Add(new() { Value = id.Key });
        command.Parameters.Add(new() { Value = fromVersion });
        command.Parameters.Add(new() { Value = (object?)toVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = (object?)asOf ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await Read(command, connection, ct);
    }

    /// <summary>Several streams of one tenant in one query, each in version order: a unit touching many streams reads them in one round trip.</summary>
    public async Task<IReadOnlyDictionary<StreamId, IReadOnlyList<RecordedEvent>>> ReadStreams(IReadOnlyCollection<StreamId> ids,
        NpgsqlConnection? connection = null, CancellationToken ct = default)
    {
        var tenants = ids.Select(i => i.Tenant).Distinct().ToList();
        if (tenants.Count > 1) throw new InvalidOperationException("streams read together belong to one tenant");
        foreach (var id in ids) store.CheckTenant(tenant ?? id.Tenant, id);
        var found = ids.Distinct().ToDictionary(id => id, _ => new List<RecordedEvent>());
        if (ids.Count == 0) return found.ToDictionary(f => f.Key, f => (IReadOnlyList<RecordedEvent>)f.Value);
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events
             where tenant_id = $1 and stream_id = any($2)
             order by stream_id, version
            """);
        command.Parameters.Add(new() { Value = tenants[0] });
        command.Parameters.Add(new() { Value = ids.Select(i => i.Key).ToArray() });
        foreach (var e in await Read(command, connection, ct))
            found[new StreamId(e.Tenant, e.StreamKey)].Add(e);
        return found.ToDictionary(f => f.Key, f => (IReadOnlyList<RecordedEvent>)f.Value);
    }

    /// <summary>Events after <paramref name="position"/> in position order: complete and gap-free because positions are drawn in commit order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAfter(long position, int limit = 1000,
        NpgsqlConnection? connection = null, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events
             where seq > $1 and ($2::text is null or tenant_id = $2)
             order by seq limit $3
            """);
        command.Parameters.Add(new() { Value = position });
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        return await Read(command, connection, ct, limit);
    }

    /// <summary>Every event of <paramref name="types"/> up to <paramref name="position"/>, in position order, read page by page (<see cref="ReadTypes"/>).</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadTypesUpTo(long position, string[] types,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (long after = 0; ;)
        {
            var page = await ReadTypes(after, position, types, ct: ct);
            if (page.Count == 0) yield break;
            foreach (var e in page) yield return e;
            after = page[^1].Position;
        }
    }

    /// <summary>
    /// This reader's events of <paramref name="types"/> in (after, upTo], in position order: what a
    /// replay "as of a position" reads (reports, A-3), page by page.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadTypes(long after, long upTo, string[] types, int limit = 5000, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events
             where seq > $1 and seq <= $2 and event_type = any($3) and ($4::text is null or tenant_id = $4)
             order by seq limit $5
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = upTo });
        command.Parameters.Add(new() { Value = types });
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        return await Read(command, null, ct, limit);
    }

    /// <summary>For the projection daemon: events of <paramref name="types"/> in (after, upTo], in position order.</summary>
    internal async Task<IReadOnlyList<RecordedEvent>> ReadTypesBetween(long after, long upTo, string[] types, int limit,
        NpgsqlConnection? connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events
             where seq > $1 and seq <= $2 and event_type = any($3)
             order by seq limit $4
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = upTo });
        command.Parameters.Add(new() { Value = types });
        command.Parameters.Add(new() { Value = limit });
        return await Read(command, connection, ct, limit);
    }

    /// <summary>For the live projections' shared reads: every event in (after, upTo], in position order.</summary>
    internal async Task<IReadOnlyList<RecordedEvent>> ReadBetween(long after, long upTo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns} from events where seq > $1 and seq <= $2 order by seq
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = upTo });
        return await Read(command, null, ct, (int)Math.Min(upTo - after, 10_000));
    }

    /// <summary>Folds a stream into a state, as of a version or an instant; null when there is no event to fold.</summary>
    public async Task<(TState State, long Version)?> AggregateStream<TState>(StreamId id, TState initial,
        Func<TState, object, TState> evolve, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await ReadStream(id, 1, version, asOf, ct: ct);
        if (events.Count == 0) return null;
        return (Fold(initial, evolve, events), events[^1].Version);
    }

    internal static TState Fold<TState>(TState initial, Func<TState, object, TState> evolve, IEnumerable<RecordedEvent> events) =>
        events.Where(e => e.Data is not UnknownEvent).Aggregate(initial, (state, e) => evolve(state, e.Data));

    /// <param name="expected">
    /// Sizes the list up front for reads by batch: a list grown by doubling past 10,625 entries lands
    /// on the large object heap, and a rebuild allocating one per batch was measured spending more
    /// time in gen 2 collections than in reading.
    /// </param>
    private async Task<IReadOnlyList<RecordedEvent>> Read(NpgsqlCommand command, NpgsqlConnection? connection, CancellationToken ct, int expected = 0)
    {
        NpgsqlConnection? owned = null;
        command.Connection = connection ?? (owned = await store.DataSource.OpenConnectionAsync(ct));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var events = new List<RecordedEvent>(Math.Min(expected, 10_000));
            var metadata = (Json: "", Value: (EventMetadata?)null);
            while (await reader.ReadAsync(ct)) events.Add(ToEvent(reader, ref metadata));
            return events;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// <paramref name="metadata"/> remembers the last metadata read: the events of one unit of work
    /// share it, so a long read (a rebuild) parses it once per unit instead of once per event.
    /// </summary>
    private RecordedEvent ToEvent(NpgsqlDataReader r, ref (string Json, EventMetadata? Value) metadata)
    {
        var type = r.GetString(5);
        var schemaVersion = r.GetInt32(6);
        var metadataJson = r.GetString(8);
        if (metadata.Value is null || metadataJson != metadata.Json)
            metadata = (metadataJson, System.Text.Json.JsonSerializer.Deserialize(metadataJson, StoreJson.Default.EventMetadata)!);
        return new RecordedEvent(
            r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt64(4), type, schemaVersion,
            store.Types.Deserialize(type, schemaVersion, r.GetFieldValue<byte[]>(7), openSealed), metadata.Value, r.GetFieldValue<DateTimeOffset>(9));
    }
}
