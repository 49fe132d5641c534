using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// A read model kept by the daemon (architecture.md decision 6). It names its tables by logical
/// name; the daemon creates them per generation (<c>balances_v1</c>, <c>balances_v2</c>…) so a
/// rebuild can fill a new generation while the live one serves reads through a view named
/// <c>balances</c>. <see cref="Apply"/> must be idempotent by position and must not read the
/// clock: a rebuild has to give the same rows as continuous running.
/// </summary>
public interface IProjection
{
    /// <summary>A stable name: the key of its progress rows and leader lock.</summary>
    string Name { get; }

    /// <summary>
    /// Bump it when <see cref="Apply"/> or the tables change: a daemon of the new version rebuilds
    /// into a new generation while nodes of the old version keep the live one, then switches.
    /// </summary>
    int Version => 1;

    /// <summary>Event type aliases this projection reads; other events are skipped in SQL.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Logical table names (lower-case identifiers); each becomes a view readers query.</summary>
    IReadOnlyCollection<string> Tables { get; }

    /// <summary>DDL creating every table of one generation, named through <paramref name="tables"/>.</summary>
    string CreateTables(ProjectionTables tables);

    /// <summary>Writes the batch's effect; the daemon commits it with the new checkpoint.</summary>
    Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);
}
