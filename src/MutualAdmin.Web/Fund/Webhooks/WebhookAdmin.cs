using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// Staff side of the Fund's webhooks (platform administrators: the endpoints serve every mutual):
/// each endpoint's delivery state and its dead letters, and sending a dead letter again.
/// </summary>
public static class WebhookAdmin
{
    public sealed record DeadLetter(long Position, Guid EventId, int Attempts, string? LastError, DateTimeOffset DeadAt, DateTimeOffset? RetriedAt);

    public sealed record EndpointState(Guid Id, string ClientId, string Url, string[] Types, long DeliveredPosition, int Attempts,
        DateTimeOffset NextAttemptAt, DateTimeOffset? FailingSince, string? LastError, DateTimeOffset? DisabledAt, string? DisabledReason,
        IReadOnlyList<DeadLetter> DeadLetters);

    public static async Task<Ok<List<EndpointState>>> List(NpgsqlDataSource db, CancellationToken ct)
    {
        var letters = new Dictionary<Guid, List<DeadLetter>>();
        await using (var command = db.CreateCommand(
            "select webhook_id, position, event_id, attempts, last_error, dead_at, retried_at from fund_webhook_dead_letters order by webhook_id, position"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                (letters.TryGetValue(reader.GetGuid(0), out var l) ? l : letters[reader.GetGuid(0)] = []).Add(new(reader.GetInt64(1), reader.GetGuid(2),
                    reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));

        var endpoints = new List<EndpointState>();
        await using (var command = db.CreateCommand("""
            select id, client_id, url, types, delivered_position, attempts, next_attempt_at, failing_since, last_error, disabled_at, disabled_reason
              from fund_webhooks order by created_at
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                endpoints.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetInt64(4),
                    reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10), letters.GetValueOrDefault(reader.GetGuid(0)) ?? []));
        return TypedResults.Ok(endpoints);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Retry(Guid id, long position, WebhookDelivery delivery, CancellationToken ct) =>
        await delivery.Resend(id, position, ct) is { } failure
            ? TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "The dead letter was not delivered.", detail: failure)
            : TypedResults.NoContent();
}
