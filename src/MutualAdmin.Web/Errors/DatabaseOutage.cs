using Npgsql;

namespace MutualAdmin.Web.Errors;

/// <summary>
/// Tells an unreachable database from a failing statement: the server could not be reached, went
/// away mid-command, is shutting down or starting up, has no session to spare, or has no disk or
/// memory left for the write (issue 26: a full disk answered 500 to every write). Such a request
/// changed nothing (its transaction never committed) and succeeds once the server is back, so it is
/// answered 503 with Retry-After, not 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long a client should wait before retrying, in seconds (a restart of PostgreSQL takes a few).</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException npgsql && Unreachable(npgsql)) return true;
        return false;
    }

    private static bool Unreachable(NpgsqlException e) => e is PostgresException server
        // 08: connection exceptions; 57P01-03: admin or crash shutdown, cannot connect now; 53100 disk full,
        // 53200 out of memory, 53300 too many connections: the server's state, not the request's.
        ? server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState is "57P01" or "57P02" or "57P03" or "53100" or "53200" or "53300"
        // Npgsql's own: transient when a socket, stream or timeout failed, i.e. the server was not there to answer.
        : e.IsTransient;
}
