using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.EventStore;

/// <summary>
/// An inline projection that can also write its rows for a <see cref="BulkAppender"/> batch set-based
/// (COPY or array inserts) instead of statement by statement. The batch only starts new streams, so
/// the projection has nothing stored to read back. An inline projection without this form still runs
/// in the bulk transaction through <see cref="IInlineProjection.Apply"/>: the bulk path never skips one.
/// </summary>
public interface IBulkInlineProjection : IInlineProjection
{
    Task ApplyToNewStreams(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct);
}
