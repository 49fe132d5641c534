using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;

namespace MutualAdmin.EventStore.Log;

/// <summary>
/// Marten's errors for an append that lost a race, as the store's own typed errors. Marten's message
/// for an expected-version miss names a "max event id", which says nothing to a caller: the message
/// here says what happened to which stream.
/// </summary>
internal static class MartenErrors
{
    public static Exception? Translate(Exception e) => e switch
    {
        EventStreamUnexpectedMaxEventIdException miss =>
            new ConcurrencyException($"stream {miss.Id} was not at the expected version (another unit appended to it first)", e),
        JasperFx.Events.ExistingStreamIdCollisionException collision =>
            new ConcurrencyException($"stream {collision.Id} already exists (a racing writer started it first)", e),
        Marten.Exceptions.ExistingStreamIdCollisionException collision =>
            new ConcurrencyException($"stream {collision.Id} already exists (a racing writer started it first)", e),
        MartenCommandException { InnerException: PostgresException pg } => SqlErrors.Translate(pg) is var t && t != pg ? t : null,
        _ => null,
    };
}
