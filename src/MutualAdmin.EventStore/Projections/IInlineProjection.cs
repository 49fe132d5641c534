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
    Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct);
}
