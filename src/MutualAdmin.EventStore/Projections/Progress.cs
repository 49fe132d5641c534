using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>One generation's progress row as the runner sees it at the start of a step.</summary>
internal sealed record ProgressRow(long Position, bool Live, bool Paused, long? RebuildHead);

/// <summary>The SQL of projection_progress, each statement once.</summary>
internal static class Progress
{
    public static async Task<ProgressRow?> Load(NpgsqlConnection connection, string name, int generation, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select position, live, paused, rebuild_head from projection_progress where name = $1 and generation = $2", connection);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = generation });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new(reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetInt64(3));
    }

    /// <summary>
    /// Moves the checkpoint from <paramref name="from"/> to <paramref name="to"/>. The old value is the
    /// fencing token: a runner that lost its lock (or whose generation was switched out) updates
    /// nothing and must stop, and its transaction, with its rows, is rolled back.
    /// </summary>
    public static async Task<bool> Advance(NpgsqlConnection connection, NpgsqlTransaction tx, string name, int generation,
        long from, long to, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            update projection_progress set position = $4, updated_at = now()
             where name = $1 and generation = $2 and position = $3 and not paused
            """, connection, tx);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = generation });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Pauses a generation (operator, or a rebuild that met a failing event); null generation = all of them.</summary>
    public static async Task<bool> SetPaused(NpgsqlDataSource dataSource, string name, int? generation, bool paused, string? reason, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update projection_progress set paused = $3, paused_reason = $4, updated_at = now()
             where name = $1 and ($2::int is null or generation = $2)
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = (object?)generation ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = paused });
        command.Parameters.Add(new() { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    public static async Task<long> Head(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select coalesce(max(seq), 0) from events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
