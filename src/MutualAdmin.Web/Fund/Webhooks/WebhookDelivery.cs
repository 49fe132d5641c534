using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using MutualAdmin.Web.Fund.Feed;
using Npgsql;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// Sends the feed to the Fund's endpoints: at least once, in position order per endpoint. Each turn
/// claims due endpoints with "for update skip locked" (several nodes never send one endpoint's events
/// at once), sends the events after its cursor one by one, and moves the cursor past each delivered
/// one. A failure keeps the cursor and schedules a retry with a doubling delay; after
/// <see cref="WebhookOptions.RetryFor"/> the event is dead-lettered and the endpoint goes on; a
/// <c>410 Gone</c> disables the endpoint.
/// </summary>
public sealed class WebhookDelivery(NpgsqlDataSource db, IHttpClientFactory http, IOptions<WebhookOptions> options,
    WebhookTargets targets, TimeProvider clock, ILogger<WebhookDelivery> logger) : BackgroundService
{
    public const string HttpClientName = "fund-webhooks";
    private WebhookOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await DeliverOne(stop)) { }
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is NpgsqlException or PostgresException or InvalidOperationException)
            {
                // The feed's tables may not exist yet (the daemon creates them) or the database restarts.
                logger.LogWarning(e, "Webhook delivery turn failed; next turn in {Delay}", Options.PollEvery);
            }
            try { await Task.Delay(Options.PollEvery, clock, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One due endpoint's turn (it is then not due again before the next poll). False when none is due.</summary>
    public async Task<bool> DeliverOne(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var endpoint = await ClaimDue(connection, tx, ct);
        if (endpoint is null) return false;

        var settled = endpoint.DeliveredPosition;
        var (attempts, failingSince, error, disabled) = (endpoint.Attempts, endpoint.FailingSince, (string?)null, (string?)null);
        DateTimeOffset? next = null;
        foreach (var e in await Pending(connection, tx, endpoint, ct))
        {
            var outcome = await Send(endpoint, e, ct);
            if (outcome is null) { settled = e.Position; attempts = 0; failingSince = null; continue; }
            if (outcome == "410") { disabled = "the endpoint answered 410 Gone"; break; }

            var now = clock.GetUtcNow();
            attempts++;
            failingSince ??= now;
            error = outcome;
            if (now - failingSince >= Options.RetryFor)
            {
                await DeadLetter(connection, tx, endpoint, e, attempts, outcome, ct);
                settled = e.Position;
                attempts = 0;
                failingSince = null;
                continue;
            }
            var delay = TimeSpan.FromTicks(Math.Min(Options.LongestDelay.Ticks, Options.FirstRetryAfter.Ticks * (1L << Math.Min(attempts - 1, 30))));
            next = now + delay;
            break;
        }
        await Save(connection, tx, endpoint.Id, settled, attempts, failingSince, error, next ?? clock.GetUtcNow().Add(Options.PollEvery), disabled, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private sealed record Endpoint(Guid Id, string Url, string[] Types, string Secret, long DeliveredPosition, int Attempts, DateTimeOffset? FailingSince);
    private sealed record Outgoing(long Position, Guid Id, string Body);

    private static async Task<Endpoint?> ClaimDue(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            select id, url, types, secret, delivered_position, attempts, failing_since from fund_webhooks
             where disabled_at is null and next_attempt_at <= now()
             order by next_attempt_at limit 1 for update skip locked
            """, connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6))
            : null;
    }

    private async Task<List<Outgoing>> Pending(NpgsqlConnection connection, NpgsqlTransaction tx, Endpoint endpoint, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select position, id, tenant_id, type, subject, time, data::text from {FundFeed.Table}
             where position > $1 and type = any($2) order by position limit $3
            """, connection, tx);
        command.Parameters.Add(new() { Value = endpoint.DeliveredPosition });
        command.Parameters.Add(new() { Value = endpoint.Types });
        command.Parameters.Add(new() { Value = Options.BatchSize });
        var pending = new List<Outgoing>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            pending.Add(new(reader.GetInt64(0), reader.GetGuid(1), ReadFeed.CloudEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
                System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(6))!).ToJsonString()));
        return pending;
    }

    /// <summary>A dead letter sent again at a staff member's request: null when delivered, else what went wrong.</summary>
    public async Task<string?> Resend(Guid webhook, long position, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var find = new NpgsqlCommand("""
            select w.id, w.url, w.types, w.secret
              from fund_webhook_dead_letters d join fund_webhooks w on w.id = d.webhook_id
             where d.webhook_id = $1 and d.position = $2 and d.retried_at is null for update of d
            """, connection, tx);
        find.Parameters.Add(new() { Value = webhook });
        find.Parameters.Add(new() { Value = position });
        Endpoint? endpoint = null;
        await using (var reader = await find.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct))
                endpoint = new(reader.GetGuid(0), reader.GetString(1), [.. IntegrationEvent.All], reader.GetString(3), position - 1, 0, null);
        if (endpoint is null) return "no such dead letter waiting for a retry";
        var e = (await Pending(connection, tx, endpoint, ct)).FirstOrDefault(p => p.Position == position);
        if (e is null) return "the dead letter's event is not in the feed";
        var outcome = await Send(endpoint, e, ct);
        if (outcome is null)
        {
            await using var done = new NpgsqlCommand(
                "update fund_webhook_dead_letters set retried_at = now() where webhook_id = $1 and position = $2", connection, tx);
            done.Parameters.Add(new() { Value = webhook });
            done.Parameters.Add(new() { Value = position });
            await done.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Null when delivered; "410" when the endpoint is gone; otherwise what went wrong.</summary>
    private async Task<string?> Send(Endpoint endpoint, Outgoing e, CancellationToken ct)
    {
        // Checked again on every send: the operator's settings may have changed since registration
        // (the address connected to is checked as the connection opens, WebhookTargets.Connect).
        if (targets.Refusal(new Uri(endpoint.Url)) is { } refused) return $"refused: {refused}";
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(e.Body, Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("webhook-id", e.Id.ToString());
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(endpoint.Secret, e.Id.ToString(), timestamp, e.Body));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Options.Timeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode) return null;
            if ((int)response.StatusCode is >= 300 and < 400) return $"HTTP {(int)response.StatusCode}: redirects are not followed";
            return response.StatusCode == HttpStatusCode.Gone ? "410" : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception x) when (x is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return x.Message;
        }
    }

    private static async Task DeadLetter(NpgsqlConnection connection, NpgsqlTransaction tx, Endpoint endpoint, Outgoing e, int attempts,
        string error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            insert into fund_webhook_dead_letters (webhook_id, position, event_id, attempts, last_error) values ($1, $2, $3, $4, $5)
            on conflict (webhook_id, position) do update set attempts = excluded.attempts, last_error = excluded.last_error,
                dead_at = now(), retried_at = null
            """, connection, tx);
        foreach (var v in new object[] { endpoint.Id, e.Position, e.Id, attempts, error }) command.Parameters.Add(new() { Value = v });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Save(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, long settled, int attempts,
        DateTimeOffset? failingSince, string? error, DateTimeOffset next, string? disabled, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            update fund_webhooks set delivered_position = $2, attempts = $3, failing_since = $4, last_error = coalesce($5, last_error),
                   next_attempt_at = $6, disabled_at = case when $7::text is null then null else now() end, disabled_reason = $7
             where id = $1
            """, connection, tx);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = settled });
        command.Parameters.Add(new() { Value = attempts });
        command.Parameters.Add(new() { Value = (object?)failingSince ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = next });
        command.Parameters.Add(new() { Value = (object?)disabled ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(ct);
    }
}
