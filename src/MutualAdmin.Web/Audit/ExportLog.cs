using System.Globalization;
using System.Text;
using System.Text.Json;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Audit;

/// <summary>
/// <c>GET /api/audit/export?from=&amp;to=</c>: the mutual's events recorded in a period as NDJSON, for
/// external auditors to verify with their own tools (README "The hash chain", deploy/verify-export.py).
/// The first line gives the hash the period's first event chains to; each event line carries the
/// exact text its hash covers (data and metadata as jsonb prints them, as JSON strings) and the hash.
/// Personal data stays sealed, as in the log.
/// </summary>
public static class ExportLog
{
    public const string ContentType = "application/x-ndjson";

    public static async Task<IResult> Handle(DateOnly? from, DateOnly? to, Actor actor, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null) errors["from"] = ["a first day (yyyy-MM-dd) is required"];
        if (to is null) errors["to"] = ["a last day (yyyy-MM-dd) is required"];
        else if (from is not null && to < from) errors["to"] = ["must not be before from"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        // The day after the calendar's last has no timestamp: an export to 9999-12-31 has no end.
        var (start, end) = (Utc(from!.Value), to!.Value == DateOnly.MaxValue ? (DateTimeOffset?)null : Utc(to.Value.AddDays(1)));

        http.Response.ContentType = ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{actor.Tenant}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.ndjson\"";
        await using var connection = await db.OpenConnectionAsync(ct);
        // One snapshot for the header and the lines, so they agree even while events are appended.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var before = new NpgsqlCommand("""
            select seq, hash from events where tenant_id = $1
               and seq < coalesce((select min(seq) from events where tenant_id = $1 and recorded_at >= $2), 9223372036854775807)
             order by seq desc limit 1
            """, connection, tx))
        {
            before.Parameters.Add(new() { Value = actor.Tenant });
            before.Parameters.Add(new() { Value = start });
            await using var reader = await before.ExecuteReaderAsync(ct);
            var found = await reader.ReadAsync(ct);
            await Line(http, new()
            {
                ["tenant"] = actor.Tenant, ["from"] = from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["to"] = to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["previousPosition"] = found ? reader.GetInt64(0) : null,
                ["previousHash"] = found ? Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1)) : new string('0', 64),
            }, ct);
        }

        await using var events = new NpgsqlCommand("""
            select seq, stream_id, version, event_type, schema_version, data::text, metadata::text, recorded_at, hash
              from events where tenant_id = $1 and recorded_at >= $2 and ($3::timestamptz is null or recorded_at < $3) order by seq
            """, connection, tx);
        events.Parameters.Add(new() { Value = actor.Tenant });
        events.Parameters.Add(new() { Value = start });
        events.Parameters.Add(new() { Value = (object?)end ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var rows = await events.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            await Line(http, new()
            {
                ["position"] = rows.GetInt64(0), ["tenant"] = actor.Tenant, ["stream"] = rows.GetString(1), ["version"] = rows.GetInt64(2),
                ["type"] = rows.GetString(3), ["schemaVersion"] = rows.GetInt32(4), ["data"] = rows.GetString(5), ["metadata"] = rows.GetString(6),
                ["recordedAt"] = rows.GetFieldValue<DateTimeOffset>(7).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["hash"] = Convert.ToHexStringLower(rows.GetFieldValue<byte[]>(8)),
            }, ct);
        return Results.Empty;
    }

    private static async Task Line(HttpContext http, Dictionary<string, object?> line, CancellationToken ct)
    {
        await http.Response.WriteAsync(JsonSerializer.Serialize(line), Encoding.UTF8, ct);
        await http.Response.WriteAsync("\n", ct);
    }

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
