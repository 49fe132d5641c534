using Npgsql;

namespace MutualAdmin.EventStore.Outbox;

/// <summary>The outbox's SQL: claim, mark sent, schedule a retry or dead-letter; plus the operator's view.</summary>
public static class OutboxClaims
{
    /// <summary>
    /// One statement, committed on its own: the claim is the lease (next_attempt_at pushed forward)
    /// and the attempt count, so a crash between claim and send costs one lease, never the message.
    /// </summary>
    internal static async Task<IReadOnlyList<OutboxEnvelope>> Claim(NpgsqlDataSource dataSource, OutboxOptions options, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update outbox o set attempts = o.attempts + 1, next_attempt_at = now() + $1
              from (select tenant_id, id from outbox
                     where sent_at is null and dead_at is null and next_attempt_at <= now()
                     order by next_attempt_at, id limit $2
                     for update skip locked) due
             where o.tenant_id = due.tenant_id and o.id = due.id
            returning o.tenant_id, o.id, o.message_id, o.destination, o.message_type, o.payload::text, o.attempts
            """);
        command.Parameters.Add(new() { Value = options.Lease });
        command.Parameters.Add(new() { Value = options.BatchSize });
        await using var r = await command.ExecuteReaderAsync(ct);
        var claimed = new List<OutboxEnvelope>();
        while (await r.ReadAsync(ct))
            claimed.Add(new(r.GetString(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6)));
        return claimed;
    }

    internal static Task Sent(NpgsqlDataSource dataSource, OutboxEnvelope message, CancellationToken ct) =>
        Execute(dataSource, "update outbox set sent_at = now(), last_error = null where tenant_id = $1 and id = $2", message, ct);

    /// <summary>Schedules the next attempt after <paramref name="retryIn"/>, or dead-letters the message when it is null.</summary>
    internal static async Task Failed(NpgsqlDataSource dataSource, OutboxEnvelope message, Exception error, TimeSpan? retryIn, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(retryIn is null
            ? "update outbox set last_error = $3, dead_at = now() where tenant_id = $1 and id = $2"
            : "update outbox set last_error = $3, next_attempt_at = now() + $4 where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = message.Tenant });
        command.Parameters.Add(new() { Value = message.Id });
        command.Parameters.Add(new() { Value = error.Message });
        if (retryIn is TimeSpan delay) command.Parameters.Add(new() { Value = delay });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Dead-lettered messages, for an operator.</summary>
    public static async Task<IReadOnlyList<(OutboxEnvelope Message, string? Error)>> Dead(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            select tenant_id, id, message_id, destination, message_type, payload::text, attempts, last_error
              from outbox where dead_at is not null order by dead_at
            """);
        await using var r = await command.ExecuteReaderAsync(ct);
        var dead = new List<(OutboxEnvelope, string?)>();
        while (await r.ReadAsync(ct))
            dead.Add((new(r.GetString(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6)),
                r.IsDBNull(7) ? null : r.GetString(7)));
        return dead;
    }

    /// <summary>Gives a dead-lettered message a fresh set of attempts, due now.</summary>
    public static Task Revive(NpgsqlDataSource dataSource, OutboxEnvelope message, CancellationToken ct = default) =>
        Execute(dataSource, "update outbox set dead_at = null, attempts = 0, next_attempt_at = now() where tenant_id = $1 and id = $2", message, ct);

    private static async Task Execute(NpgsqlDataSource dataSource, string sql, OutboxEnvelope message, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = message.Tenant });
        command.Parameters.Add(new() { Value = message.Id });
        await command.ExecuteNonQueryAsync(ct);
    }
}
