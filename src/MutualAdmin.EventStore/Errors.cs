using Npgsql;

namespace MutualAdmin.EventStore;

/// <summary>Base of every error the store raises on purpose.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stream was not at the expected version (or a racing writer took the version first).</summary>
public sealed class ConcurrencyException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>The append itself is malformed: nothing was written.</summary>
public sealed class InvalidAppendException(string message) : EventStoreException(message);

/// <summary>A session of one tenant was handed a stream of another.</summary>
public sealed class WrongTenantException(string sessionTenant, string streamTenant)
    : EventStoreException($"a session of tenant '{sessionTenant}' cannot touch a stream of tenant '{streamTenant}'");

/// <summary>Maps the SQLSTATEs raised by the store's functions, in one place.</summary>
internal static class SqlErrors
{
    public const string Concurrency = "MA001";
    public const string InvalidInput = "MA002";

    public static Exception Translate(PostgresException e) => e.SqlState switch
    {
        Concurrency => new ConcurrencyException(e.MessageText, e),
        InvalidInput => new InvalidAppendException(e.MessageText),
        PostgresErrorCodes.UniqueViolation when e.TableName is "mt_events" or "mt_streams"
            => new ConcurrencyException($"a racing writer took the same stream version ({e.ConstraintName})", e),
        // Two units locking overlapping streams: PostgreSQL breaks the cycle; the loser may retry.
        PostgresErrorCodes.DeadlockDetected => new ConcurrencyException("a concurrent unit of work locked the same streams", e),
        _ => e,
    };
}
