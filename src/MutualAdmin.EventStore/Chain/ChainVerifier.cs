using Npgsql;

namespace MutualAdmin.EventStore.Chain;

/// <summary>The answer of a chain check: intact, or the first position where a tenant's chain breaks.</summary>
public sealed record ChainVerification(long EventsChecked, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <param name="Position">The first event whose stored hash is not what its content and its predecessor give.</param>
/// <param name="PreviousPosition">The event the chain links it to (null when it is the tenant's first), so a deletion shows as a gap.</param>
public sealed record ChainBreak(string Tenant, long Position, long? PreviousPosition, string Reason);

/// <summary>Recomputes the hash chain of one tenant, or of every tenant, in one streaming read.</summary>
public static class ChainVerifier
{
    /// <param name="connection">A connection to read on (inside its transaction), e.g. to check a load before it commits.</param>
    public static async Task<ChainVerification> Verify(NpgsqlDataSource dataSource, string? tenant,
        IProgress<long>? progress = null, CancellationToken ct = default, NpgsqlConnection? connection = null)
    {
        const string sql = """
            select tenant_id, seq, stream_id, version, event_type, schema_version, data::text, metadata::text, hash
              from events where $1::text is null or tenant_id = $1 order by tenant_id, seq
            """;
        await using var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);

        string? currentTenant = null;
        byte[] previous = EventHash.Genesis;
        long? previousPosition = null;
        long checkedCount = 0;
        while (await reader.ReadAsync(ct))
        {
            var rowTenant = reader.GetString(0);
            if (rowTenant != currentTenant)
            {
                currentTenant = rowTenant;
                previous = EventHash.Genesis;
                previousPosition = null;
            }
            var position = reader.GetInt64(1);
            var expected = EventHash.Compute(previous, position, rowTenant, reader.GetString(2), reader.GetInt64(3),
                reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7));
            var stored = reader.GetFieldValue<byte[]>(8);
            if (!expected.AsSpan().SequenceEqual(stored))
                return new(checkedCount, new ChainBreak(rowTenant, position, previousPosition,
                    previousPosition is null
                        ? "the tenant's first event does not start the chain: it was edited, or events before it were removed"
                        : $"the hash does not follow from the event's content and event {previousPosition}: this event was edited, or an event between them was removed, inserted or moved"));
            previous = stored;
            previousPosition = position;
            if (++checkedCount % 10_000 == 0) progress?.Report(checkedCount);
        }
        progress?.Report(checkedCount);
        await reader.DisposeAsync();

        // An event in Marten's table with no place in the log was written around the store (or its
        // link in the chain was removed): readers never see it, the verifier names it.
        const string unchained = "select tenant_id, seq_id from events_unchained where $1::text is null or tenant_id = $1 order by tenant_id, seq_id limit 1";
        await using var around = connection is null ? dataSource.CreateCommand(unchained) : new NpgsqlCommand(unchained, connection);
        around.Parameters.Add(new NpgsqlParameter { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var found = await around.ExecuteReaderAsync(ct);
        if (await found.ReadAsync(ct))
            return new(checkedCount, new ChainBreak(found.GetString(0), 0, null,
                $"Marten's event {found.GetInt64(1)} has no place in the log: it was written around the store, or its link in the chain was removed"));
        return new(checkedCount, null);
    }
}
