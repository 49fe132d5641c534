using System.Security.Cryptography;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Idempotency;

/// <summary>Marks a POST that creates or pays something as honouring the Idempotency-Key header.</summary>
public sealed class IdempotentEndpoint;

public static class IdempotencyExtensions
{
    public const string Header = "Idempotency-Key";

    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpoint());

    public static WebApplication UseIdempotency(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
                || http.Request.Headers[Header].ToString() is not { Length: > 0 } key)
                await next();
            else
                await http.RequestServices.GetRequiredService<IdempotencyKeys>().Handle(http, key, next);
        });
        return app;
    }
}

/// <summary>
/// The same key and body give the same response and no second effect, also when two requests race;
/// the same key with another body is 422. The first request holds the key's claim (<see cref="KeyClaim"/>,
/// a database session) while it runs; a racing request waits up to Idempotency:Wait for its answer,
/// then is told 409 in progress. A response that failed on our side (5xx) releases the key for a retry.
/// A claim whose session ended without an answer (its process was killed) is taken over by the retry
/// once that process has no session left (so nothing it sent is still running), unless its events are
/// in the store: then the retry is told it was written and not done again.
/// </summary>
public sealed class IdempotencyKeys(Database database, Actor actor, IConfiguration configuration, ILogger<IdempotencyKeys> logger)
{
    /// <summary>The request item naming this attempt; it is the causation id of the events the attempt appends.</summary>
    public const string AttemptItem = "idempotency-attempt";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private TimeSpan Wait => configuration.GetValue("Idempotency:Wait", TimeSpan.FromSeconds(10));

    /// <summary>
    /// The stated age after which an unanswered claim is taken over although its process still has
    /// sessions (it lost the claim's session but not the others, and will not answer any more).
    /// </summary>
    private TimeSpan ClaimLifetime => configuration.GetValue("Idempotency:ClaimLifetime", TimeSpan.FromMinutes(10));

    public async Task Handle(HttpContext http, string key, Func<Task> next)
    {
        if (key.Length > 200 || key.Any(char.IsControl))
            throw RequestValidationException.For(IdempotencyExtensions.Header, "must be 1-200 printable characters");
        var scope = actor.Kind == ClaimNames.StaffKind || actor.Kind == Roles.Provider ? $"{actor.Kind}:{actor.Tenant}" : $"{actor.Kind}:{actor.Id}";
        var fingerprint = await Fingerprint(http);
        var ct = http.RequestAborted;

        await using var claim = await KeyClaim.Open(database.Claims, scope, key, logger, ct);
        var until = DateTimeOffset.UtcNow + Wait;
        while (!await claim.TryLock(ct))
        {
            if (DateTimeOffset.UtcNow > until) { await InProgress(http); return; }
            await Task.Delay(Poll, ct);
        }
        var stored = await claim.Find(ct);
        if (stored is not null && !stored.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            await Results.Problem(statusCode: 422, type: Problems.IdempotencyKeyReused,
                title: "This Idempotency-Key was used with another request.").ExecuteAsync(http);
            return;
        }
        if (stored is { Status: { } status })
        {
            await Replay(http, status, stored.ContentType, stored.Body);
            return;
        }
        if (stored is not null)
        {
            // Nobody holds the key and it has no answer: the request that claimed it ended without one.
            if (!await Abandoned(claim, stored, until, ct)) { await InProgress(http); return; }
            if (stored.Attempt is { } attempt && await claim.StreamsWrittenBy(attempt, stored.WrittenAfter ?? 0, ct) is { Count: > 0 } streams)
            {
                var (lostStatus, type, body) = Lost(http, streams);
                await claim.Record(lostStatus, type, body);
                await Replay(http, lostStatus, type, body);
                return;
            }
        }
        var thisAttempt = Guid.CreateVersion7();
        await claim.Claim(fingerprint, Database.Instance, thisAttempt, ct);
        http.Items[AttemptItem] = thisAttempt.ToString();
        await RunAndRecord(http, claim, next);
    }

    /// <summary>
    /// True once the claimant's process has no session left (a killed process's sessions end as soon
    /// as PostgreSQL sees its sockets closed, a running statement within a second), so whatever it sent
    /// has committed or rolled back; at once for a claim of this process or older than the lifetime.
    /// </summary>
    private async Task<bool> Abandoned(KeyClaim claim, StoredKey stored, DateTimeOffset until, CancellationToken ct)
    {
        if (stored.Holder is not { } holder || holder == Database.Instance || stored.Age > ClaimLifetime) return true;
        while (await claim.HasSessions(holder, ct))
        {
            if (DateTimeOffset.UtcNow > until) return false;
            await Task.Delay(Poll, ct);
        }
        return true;
    }

    private static async Task<byte[]> Fingerprint(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        var head = System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n");
        return SHA256.HashData([.. head, .. buffer.ToArray()]);
    }

    private static async Task RunAndRecord(HttpContext http, KeyClaim claim, Func<Task> next)
    {
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next();
        }
        catch
        {
            await claim.Release();
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode >= 500) await claim.Release();
        else await claim.Record(http.Response.StatusCode, http.Response.ContentType, captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task Replay(HttpContext http, int status, string? contentType, byte[]? body)
    {
        http.Response.StatusCode = status;
        if (contentType is not null) http.Response.ContentType = contentType;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(body ?? [], http.RequestAborted);
    }

    private static Task InProgress(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: 409, type: Problems.IdempotencyKeyInProgress,
            title: "A request with this Idempotency-Key is still being processed.",
            detail: "Send it again in a moment for its answer.").ExecuteAsync(http);
    }

    /// <summary>The answer to the retries of an attempt that wrote its events but died before answering.</summary>
    private static (int Status, string ContentType, byte[] Body) Lost(HttpContext http, IReadOnlyList<string> streams)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = 409, Type = Problems.IdempotencyKeyAnswerLost,
            Title = "The request with this Idempotency-Key was done, but its answer was lost.",
            Detail = "The host stopped after writing it and before answering; it is not done again. Read what it wrote back.",
            Extensions = { ["streams"] = streams },
        };
        if (http.Items[Observability.Correlation.ItemKey] is string correlation) problem.Extensions["correlationId"] = correlation;
        return (409, "application/problem+json", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(problem,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
    }
}
