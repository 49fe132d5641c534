using MutualAdmin.EventStore.Events;
using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>An event a projection failed on in normal running, for an operator to see and retry.</summary>
public sealed record DeadLetter(string Tenant, long Id, string Projection, int Generation, long Position,
    Guid EventId, string StreamKey, string EventType, string Error, DateTimeOffset FailedAt);

internal static class DeadLetters
{
    public static async Task Record(NpgsqlConnection connection, NpgsqlTransaction tx, string projection, int generation,
        RecordedEvent e, Exception error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            insert into dead_letters (tenant_id, projection, generation, position, event_id, stream_id, event_type, error)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (tenant_id, projection, generation, position) do update set error = excluded.error, failed_at = now(), retried_at = null
            """, connection, tx);
        foreach (var value in new object[] { e.Tenant, projection, generation, e.Position, e.EventId, e.StreamKey, e.Type, error.ToString() })
            command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Dead letters not yet retried, of the live and rebuilding generations of <paramref name="projection"/>.</summary>
    public static async Task<IReadOnlyList<DeadLetter>> Open(NpgsqlDataSource dataSource, string? projection, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select d.tenant_id, d.id, d.projection, d.generation, d.position, d.event_id, d.stream_id, d.event_type, d.error, d.failed_at
              from dead_letters d join projection_progress p on p.name = d.projection and p.generation = d.generation
             where d.retried_at is null and ($1::text is null or d.projection = $1)
             order by d.projection, d.position
            """);
        command.Parameters.Add(new() { Value = (object?)projection ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await command.ExecuteReaderAsync(ct);
        var letters = new List<DeadLetter>();
        while (await r.ReadAsync(ct))
            letters.Add(new(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetGuid(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9)));
        return letters;
    }

    /// <summary>
    /// Applies the event again (after a fix) and marks the letter retried, in one transaction that holds
    /// the letter's row: of two retries at once, one applies it and the other finds it retried (false).
    /// A new failure is thrown, and the letter stays open.
    /// </summary>
    public static async Task<bool> Retry(EventStore store, IProjection projection, DeadLetter letter, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var claim = new NpgsqlCommand(
            "update dead_letters set retried_at = now() where tenant_id = $1 and id = $2 and retried_at is null", connection, tx))
        {
            claim.Parameters.Add(new() { Value = letter.Tenant });
            claim.Parameters.Add(new() { Value = letter.Id });
            if (await claim.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        var events = await store.CrossTenant.ReadTypesBetween(letter.Position - 1, letter.Position, [letter.EventType], 1, connection, ct);
        await projection.Apply(new ProjectionBatch(events, new ProjectionTables(letter.Generation)), connection, tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
