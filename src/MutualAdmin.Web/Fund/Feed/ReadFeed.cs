using System.Globalization;
using System.Text.Json.Nodes;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Fund.Feed;

/// <summary>
/// <c>GET /fund/v1/events?after=&amp;limit=&amp;wait=</c>: the feed rows after a position as a CloudEvents
/// 1.0 batch. With <c>wait</c> the request holds until rows arrive or the seconds pass (long poll).
/// </summary>
public static class ReadFeed
{
    public const string ContentType = "application/cloudevents-batch+json";
    private const int DefaultLimit = 100, MaxLimit = 1000, MaxWaitSeconds = 20;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public static async Task<IResult> Handle(long? after, int? limit, int? wait, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["must be 0 or more"];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        if (wait is < 0 or > MaxWaitSeconds) errors["wait"] = [$"must be between 0 and {MaxWaitSeconds} seconds"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var deadline = DateTime.UtcNow.AddSeconds(wait ?? 0);
        var events = await Read(db, after ?? 0, limit ?? DefaultLimit, ct);
        while (events.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollEvery, ct);
            events = await Read(db, after ?? 0, limit ?? DefaultLimit, ct);
        }
        return Results.Text(new JsonArray([.. events]).ToJsonString(), ContentType);
    }

    private static async Task<List<JsonNode>> Read(NpgsqlDataSource db, long after, int limit, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select position, id, tenant_id, type, subject, time, data::text from {FundFeed.Table}
             where position > $1 order by position limit $2
            """);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = limit });
        var events = new List<JsonNode>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(CloudEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), JsonNode.Parse(reader.GetString(6))!));
        return events;
    }

    /// <summary>A CloudEvent 1.0 in its JSON form, with the feed position as the <c>position</c> extension.</summary>
    public static JsonObject CloudEvent(long position, Guid id, string tenant, string type, string subject, DateTimeOffset time, JsonNode data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id.ToString(),
        ["source"] = $"/mutualadmin/{tenant}",
        ["type"] = type,
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["subject"] = subject,
        ["datacontenttype"] = "application/json",
        ["position"] = position.ToString("D20", CultureInfo.InvariantCulture),
        ["data"] = data,
    };

}
