using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// Leadership of one projection generation: a session-level advisory lock held by a dedicated
/// connection that never opens a transaction (so it never holds row locks or an old snapshot).
/// Losing the connection loses the lock; the progress row's fencing update catches a runner that
/// has not noticed yet.
/// </summary>
internal sealed class LeaderLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;

    private LeaderLock(NpgsqlConnection connection) => this.connection = connection;

    public bool Held => connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>
    /// A silently dropped session only shows when used: a periodic ping turns "lock lost" into a
    /// prompt stop instead of a runner relying on the fencing update alone.
    /// </summary>
    public async Task<bool> Ping(CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public static async Task<LeaderLock?> TryAcquire(NpgsqlDataSource dataSource, string name, int generation, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 7305411063))", connection);
        command.Parameters.Add(new() { Value = $"projection:{name}:{generation}" });
        if ((bool)(await command.ExecuteScalarAsync(ct))!) return new LeaderLock(connection);
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock even if the unlock call cannot be sent.
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            if (Held) await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { }
        await connection.DisposeAsync();
    }
}
