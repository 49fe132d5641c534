using Npgsql;

namespace MutualAdmin.EventStore.Outbox;

/// <summary>
/// Makes a consumer idempotent: the message id is recorded in the same transaction as the
/// consumer's effect, so a redelivered message (at-least-once outbox, a retrying caller) is dropped.
/// </summary>
public static class Inbox
{
    /// <summary>True if this is the first time <paramref name="consumer"/> sees the message; it commits or rolls back with <paramref name="tx"/>.</summary>
    public static async Task<bool> TryAccept(NpgsqlConnection connection, NpgsqlTransaction tx, string consumer, Guid messageId, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(
            "insert into inbox (consumer, message_id) values ($1, $2) on conflict do nothing", connection, tx);
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = messageId });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Runs <paramref name="handle"/> in a transaction unless the message was handled before. True when it ran.</summary>
    public static async Task<bool> Handle(NpgsqlDataSource dataSource, string consumer, Guid messageId,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> handle, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await TryAccept(connection, tx, consumer, messageId, ct)) return false;
        await handle(connection, tx);
        await tx.CommitAsync(ct);
        return true;
    }
}
