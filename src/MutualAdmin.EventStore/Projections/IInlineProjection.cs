using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>An event about to be appended, as inline projections see it (its position is drawn later).</summary>
public sealed record PendingEvent(string StreamKey, object Data);

/// <summary>
/// A read model written in the same transaction as the events (architecture.md decision 5), for what
/// commands must read consistently. It runs before the append call so the global append lock is held
/// only for the append itself; a failure rolls back the whole unit of work.
/// </summary>
public interface IInlineProjection
{
    /// <summary>
    /// Whether these events give the projection anything to write. Only the projections a unit concerns
    /// run; a unit that concerns none (and writes nothing else) is appended alone, pipelined.
    /// </summary>
    bool Concerns(IReadOnlyList<PendingEvent> events) => true;

    Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct);
}
