using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.EventStore.Outbox;

public static class OutboxWriter
{
    /// <summary>The channel the dispatcher listens on; NOTIFY is delivered at commit, so it wakes the dispatcher only for committed rows.</summary>
    internal const string Channel = "mutualadmin_outbox";

    /// <summary>Adds the message to the session's unit of work: it commits with the events, or not at all.</summary>
    public static Task AddOutboxMessage(this EventSession session, OutboxMessage message, CancellationToken ct = default)
    {
        session.WriteOnSave((connection, tx, token) => Add(connection, tx, session.Tenant, message, token));
        return Task.CompletedTask;
    }

    /// <summary>Adds the message to any transaction that writes business rows.</summary>
    public static async Task Add(NpgsqlConnection connection, NpgsqlTransaction tx, string tenant, OutboxMessage message, CancellationToken ct = default)
    {
        var insert = new NpgsqlBatchCommand(
            "insert into outbox (tenant_id, message_id, destination, message_type, payload) values ($1, $2, $3, $4, $5)")
        {
            Parameters =
            {
                new() { Value = tenant },
                new() { Value = message.MessageId ?? Guid.CreateVersion7() },
                new() { Value = message.Destination },
                new() { Value = message.Type },
                new() { Value = message.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };
        await using var command = new NpgsqlBatch(connection, tx) { BatchCommands = { insert, new($"select pg_notify('{Channel}', '')") } };
        await command.ExecuteNonQueryAsync(ct);
    }
}
