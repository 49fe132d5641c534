using System.Globalization;
using System.Text.Json;
using MutualAdmin.EventStore.Chain;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.EventStore.Log;

/// <summary>What an import loaded: the tenant, how many events, and the last position.</summary>
public sealed record LogImported(string Tenant, long Events, long LastPosition);

/// <summary>
/// Loads a tenant's audit export (NDJSON, README "The hash chain") into Marten's tables: each event at
/// its position and version, its metadata in Marten's columns, its hash in the chain. This is how an
/// installation written by the store before Marten moves over, and how an export restores a tenant.
/// Nothing is trusted: every line's hash is recomputed from the line before anything is written, the
/// export must start at the tenant's first event, and the tenant must have no events yet. One
/// transaction, under the append lock: all or nothing.
/// </summary>
public static class LogImport
{
    public static async Task<LogImported> Load(EventStore store, TextReader ndjson, CancellationToken ct = default)
    {
        var header = JsonDocument.Parse(await ndjson.ReadLineAsync(ct) ?? throw new LogImportException(1, "the file is empty")).RootElement;
        var tenant = header.GetProperty("tenant").GetString() ?? throw new LogImportException(1, "the first line names no tenant");
        if (header.TryGetProperty("previousPosition", out var previousPosition) && previousPosition.ValueKind != JsonValueKind.Null)
            throw new LogImportException(1, $"the export starts after event {previousPosition}: only an export from the tenant's first event can be loaded");

        var events = new List<Line>();
        var previous = EventHash.Genesis;
        var number = 1;
        while (await ndjson.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var line = Line.Parse(text, number);
            if (line.Tenant != tenant) throw new LogImportException(number, $"the event belongs to tenant '{line.Tenant}', not '{tenant}'");
            if (events.Count > 0 && line.Position <= events[^1].Position) throw new LogImportException(number, "positions must increase");
            var expected = EventHash.Compute(previous, line.Position, tenant, line.Stream, line.Version, line.Type, line.SchemaVersion, line.Data, line.Metadata);
            if (!expected.AsSpan().SequenceEqual(line.Hash))
                throw new LogImportException(number, $"event {line.Position} does not hash to the value the export gives: the file was changed");
            previous = line.Hash;
            events.Add(line);
        }
        if (events.Count == 0) throw new LogImportException(number, "the export holds no event");

        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand(AppendLock.Take, connection, tx)) await take.ExecuteNonQueryAsync(ct);
        await using (var check = new NpgsqlCommand(
            "select exists (select 1 from mt_events where tenant_id = $1), exists (select 1 from mt_events where seq_id = any($2)) or exists (select 1 from event_chain where position = any($2))", connection, tx))
        {
            check.Parameters.Add(new() { Value = tenant });
            check.Parameters.Add(new() { Value = events.Select(e => e.Position).ToArray() });
            await using var reader = await check.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (reader.GetBoolean(0)) throw new LogImportException(0, $"tenant '{tenant}' already has events here");
            if (reader.GetBoolean(1)) throw new LogImportException(0, "another tenant's events already hold some of these positions");
        }

        // The streams first (the events refer to them), at the version their last event gives.
        var byStream = events.GroupBy(e => e.Stream).ToList();
        await using (var streams = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new("""
                    insert into mt_streams (tenant_id, id, version, timestamp, created)
                    select $1, s.id, s.version, s.last, s.first
                      from unnest($2::varchar[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) s(id, version, first, last)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = tenant },
                        new() { Value = byStream.Select(g => g.Key).ToArray() },
                        new() { Value = byStream.Select(g => g.Max(e => e.Version)).ToArray() },
                        new() { Value = byStream.Select(g => g.Min(e => e.RecordedAt)).ToArray() },
                        new() { Value = byStream.Select(g => g.Max(e => e.RecordedAt)).ToArray() },
                    },
                },
                new("""
                    select setval('mt_events_sequence', greatest((select last_value from mt_events_sequence), $1)),
                           setval('log_position', greatest((select last_value from log_position), $1))
                    """)
                {
                    Parameters = { new() { Value = events[^1].Position } },
                },
            },
        })
            await streams.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy mt_events (seq_id, id, tenant_id, stream_id, version, type, data, timestamp, correlation_id, causation_id, user_name, headers) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                var metadata = JsonDocument.Parse(e.Metadata).RootElement;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Stream, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz, ct);
                await Nullable(copy, Text(metadata, "correlationId"), ct);
                await Nullable(copy, Text(metadata, "causationId"), ct);
                await Nullable(copy, Text(metadata, "userId"), ct);
                var headers = new Dictionary<string, object?>();
                foreach (var key in new[] { "command", "role", "clientId", "reason" })
                    if (Text(metadata, key) is { } value) headers[key] = value;
                if (e.SchemaVersion != 1) headers[MartenLog.Headers.SchemaVersion] = e.SchemaVersion;
                await copy.WriteAsync(JsonSerializer.Serialize(headers), NpgsqlDbType.Jsonb, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy event_chain (position, tenant_id, seq_id, hash) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                // Marten's sequence number is the position too: the tenant's events were inserted in that order.
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Hash, NpgsqlDbType.Bytea, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // The metadata the views rebuild from Marten's columns must be the metadata the export hashed.
        var loaded = await ChainVerifier.Verify(store.DataSource, tenant, null, ct, connection);
        if (!loaded.Intact)
            throw new LogImportException(0, $"event {loaded.FirstBreak!.Position} does not read back as exported (its metadata has fields Marten's columns do not keep)");
        await tx.CommitAsync(ct);
        return new(tenant, events.Count, events[^1].Position);
    }

    private static string? Text(JsonElement metadata, string key) =>
        metadata.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Task Nullable(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    private sealed record Line(long Position, string Tenant, string Stream, long Version, string Type, int SchemaVersion,
        string Data, string Metadata, DateTimeOffset RecordedAt, byte[] Hash)
    {
        public static Line Parse(string text, int number)
        {
            try
            {
                var e = JsonDocument.Parse(text).RootElement;
                return new(e.GetProperty("position").GetInt64(), e.GetProperty("tenant").GetString()!, e.GetProperty("stream").GetString()!,
                    e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString()!, e.GetProperty("schemaVersion").GetInt32(),
                    e.GetProperty("data").GetString()!, e.GetProperty("metadata").GetString()!,
                    DateTimeOffset.Parse(e.GetProperty("recordedAt").GetString()!, CultureInfo.InvariantCulture),
                    Convert.FromHexString(e.GetProperty("hash").GetString()!));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new LogImportException(number, $"not an event line of an audit export: {e.Message}");
            }
        }
    }
}

/// <summary>An export that cannot be loaded; nothing was written. <see cref="Line"/> is 0 when the database refused it.</summary>
public sealed class LogImportException(int line, string reason)
    : EventStoreException(line > 0 ? $"line {line}: {reason}" : reason)
{
    public int Line { get; } = line;
}
