using MutualAdmin.Domain;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.EventStore.Events;
using Npgsql;

namespace MutualAdmin.Web.Audit.Disregarding;

/// <summary>
/// How folds honour <see cref="EventDisregarded"/>. Every event a fold meets is checked for an
/// impossible value (pure, no I/O); only when one holds such a value are the mutual's disregarded
/// positions read, so ordinary folds pay nothing. An impossible event that is disregarded is skipped;
/// one that is not is reported by position (<see cref="ImpossibleEventException"/>).
/// </summary>
public static class Disregards
{
    /// <summary>
    /// The positions disregarded in <paramref name="tenant"/> by events at or before <paramref name="upTo"/>
    /// (a report as of a position honours only what was disregarded by then, A-3).
    /// </summary>
    public static async Task<IReadOnlySet<long>> Positions(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant,
        long upTo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select (data ->> 'position')::bigint from events where tenant_id = $1 and stream_id = $2 and seq <= $3", connection, transaction);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = DisregardedStream.Key });
        command.Parameters.Add(new() { Value = upTo });
        var positions = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) positions.Add(reader.GetInt64(0));
        return positions;
    }

    /// <summary>
    /// For an async projection: the batch's events less the disregarded impossible ones, read on the
    /// projection's own transaction; an impossible event not disregarded throws, and the daemon
    /// dead-letters it with this message naming its position.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedEvent>> Foldable(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        List<RecordedEvent>? kept = null;
        Dictionary<string, IReadOnlySet<long>>? known = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (ImpossibleValues.Find(e.Data) is not { } value) { kept?.Add(e); continue; }
            known ??= [];
            if (!known.TryGetValue(e.Tenant, out var positions))
                known[e.Tenant] = positions = await Positions(connection, transaction, e.Tenant, long.MaxValue, ct);
            if (!positions.Contains(e.Position)) throw new ImpossibleEventException(e, value);
            kept ??= [.. events.Take(i)];
        }
        return kept ?? events;
    }

    /// <summary>
    /// A stream folded for a command or a view. Each event is checked on the way; a stream holding an
    /// impossible value is read again slowly, skipping what a manager disregarded and naming the event
    /// nobody has (409) instead of overflowing a sum later. The version is the stream's own, so an
    /// append still expects what is really there.
    /// </summary>
    public static async Task<StreamState<TState>> FetchForWriting<TState>(EventSession session, StreamId id, TState initial,
        Func<TState, object, TState> evolve, CancellationToken ct)
    {
        try
        {
            return await session.FetchForWriting(id, initial, (s, e) => ImpossibleValues.Find(e) is null ? evolve(s, e) : throw new ImpossibleMet(), ct: ct);
        }
        catch (ImpossibleMet)
        {
            var events = await session.Reader.ReadStream(id, ct: ct);
            var foldable = await For(session.Reader, session.Tenant).Foldable(events, ct);
            return new(id, foldable.Where(e => e.Data is not UnknownEvent).Aggregate(initial, (s, e) => evolve(s, e.Data)), events[^1].Version);
        }
    }

    private sealed class ImpossibleMet : Exception;

    /// <summary>The same through a reader of the mutual (its one stream of disregards, read by its key).</summary>
    public static async Task<IReadOnlySet<long>> Positions(EventReader reader, string tenant, long upTo, CancellationToken ct) =>
        (await reader.ReadStream(DisregardedStream.Of(tenant), ct: ct))
            .Where(e => e.Position <= upTo && e.Data is EventDisregarded).Select(e => ((EventDisregarded)e.Data).Position).ToHashSet();

    /// <summary>A guard for the folds of one mutual as of a position (an account, a report).</summary>
    public static Guard For(EventReader reader, string tenant, long upTo = long.MaxValue) => new(reader, tenant, upTo);

    public sealed class Guard(EventReader reader, string tenant, long upTo)
    {
        private IReadOnlySet<long>? positions;

        /// <summary>Whether to fold the event: true for a plausible one, false for a disregarded one; else it throws.</summary>
        public async ValueTask<bool> Foldable(RecordedEvent e, CancellationToken ct)
        {
            if (ImpossibleValues.Find(e.Data) is not { } value) return true;
            positions ??= await Positions(reader, tenant, upTo, ct);
            return positions.Contains(e.Position) ? false : throw new ImpossibleEventException(e, value);
        }

        /// <summary>The events to fold, in their order: a stream read in one go (an account).</summary>
        public async Task<IReadOnlyList<RecordedEvent>> Foldable(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            var kept = new List<RecordedEvent>(events.Count);
            foreach (var e in events)
                if (await Foldable(e, ct)) kept.Add(e);
            return kept;
        }
    }
}
