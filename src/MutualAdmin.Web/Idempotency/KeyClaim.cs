using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Idempotency;

/// <summary>What is stored for a key: the first request's fingerprint, its answer once given, and who claimed it.</summary>
internal sealed record StoredKey(byte[] Fingerprint, int? Status, string? ContentType, byte[]? Body,
    string? Holder, Guid? Attempt, long? WrittenAfter, TimeSpan Age);

/// <summary>
/// The claim on one Idempotency-Key, held by a database session: a session-level advisory lock on a
/// connection of its own that stays open while the request runs, and every read and write of the
/// key's row on that connection. PostgreSQL ends the lock with the session, so the claim of a process
/// that is killed ends when its connection does, not after an age.
/// </summary>
internal sealed class KeyClaim(NpgsqlConnection connection, string scope, string key, ILogger logger) : IAsyncDisposable
{
    // The two-key advisory lock space, with a class of its own so it meets no other lock of the platform.
    private const int LockClass = 0x4944; // "ID"
    private readonly int lockKey = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}")), 0);
    private bool held;

    public static async Task<KeyClaim> Open(NpgsqlDataSource claims, string scope, string key, ILogger logger, CancellationToken ct) =>
        new(await claims.OpenConnectionAsync(ct), scope, key, logger);

    /// <summary>
    /// Takes the key unless a live session holds it. Two keys may share a lock (a 32-bit hash): one
    /// then waits for the other's request, which costs time, never an answer.
    /// </summary>
    public async Task<bool> TryLock(CancellationToken ct)
    {
        held = await Scalar<bool>("select pg_try_advisory_lock($1, $2)", ct, LockClass, lockKey);
        return held;
    }

    public async Task<StoredKey?> Find(CancellationToken ct)
    {
        await using var command = Command("""
            select fingerprint, status_code, content_type, body, holder, attempt, written_after, now() - created_at
              from idempotency_keys where scope = $1 and key = $2
            """, scope, key);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new(r.GetFieldValue<byte[]>(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<byte[]>(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetGuid(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.GetFieldValue<TimeSpan>(7));
    }

    /// <summary>Claims the key for this attempt (a new key, or one whose claimant died without an answer).</summary>
    public Task Claim(byte[] fingerprint, string holder, Guid attempt, CancellationToken ct) => Execute("""
        insert into idempotency_keys (scope, key, fingerprint, holder, attempt, written_after)
        values ($1, $2, $3, $4, $5, (select coalesce(max(seq), 0) from events))
        on conflict (scope, key) do update set holder = excluded.holder, attempt = excluded.attempt,
            written_after = excluded.written_after, created_at = now()
         where idempotency_keys.status_code is null
        """, ct, scope, key, fingerprint, holder, attempt);

    public Task Record(int status, string? contentType, byte[] body) =>
        Execute("update idempotency_keys set status_code = $3, content_type = $4, body = $5 where scope = $1 and key = $2",
            CancellationToken.None, scope, key, status, new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }, body);

    /// <summary>Frees the key for a retry after an answer that failed on our side (5xx).</summary>
    public Task Release() =>
        Execute("delete from idempotency_keys where scope = $1 and key = $2 and status_code is null", CancellationToken.None, scope, key);

    /// <summary>Whether the process that claimed the key still has a session on the database.</summary>
    public async Task<bool> HasSessions(string holder, CancellationToken ct) =>
        await Scalar<bool>("select exists (select 1 from pg_stat_activity where application_name = $1)", ct, holder);

    /// <summary>The streams an attempt appended to, found by the causation id its events carry.</summary>
    public async Task<IReadOnlyList<string>> StreamsWrittenBy(Guid attempt, long after, CancellationToken ct)
    {
        await using var command = Command("""
            select distinct stream_id from events where seq > $1 and metadata->>'causationId' = $2 order by stream_id
            """, after, attempt.ToString());
        var streams = new List<string>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) streams.Add(r.GetString(0));
        return streams;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }

    private async Task<T> Scalar<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(sql, values);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task Execute(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Unlocks before the connection goes back to the pool: the platform's pooled connections are not
    /// reset (EventStore.CreateDataSource), so a lock left on one would outlive the request.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (held && connection.FullState == System.Data.ConnectionState.Open)
                await Scalar<bool>("select pg_advisory_unlock($1, $2)", CancellationToken.None, LockClass, lockKey);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session's end releases the lock: make sure this one ends rather than going back to the pool.
            logger.LogWarning(e, "Could not unlock the Idempotency-Key claim on its session; closing the claims pool's sessions");
            NpgsqlConnection.ClearPool(connection);
        }
        await connection.DisposeAsync();
    }
}
