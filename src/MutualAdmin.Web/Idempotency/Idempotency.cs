using System.Security.Cryptography;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Hosting;
using Npgsql;

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
/// The same key and body give the same response and no second effect, also when two requests race:
/// the first to insert the key row runs, the other waits for its stored response. The same key with
/// another body is 422. A response that failed on our side (5xx) releases the key for a retry.
/// </summary>
public sealed class IdempotencyKeys(Database database, Actor actor)
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task Handle(HttpContext http, string key, Func<Task> next)
    {
        if (key.Length > 200 || key.Any(char.IsControl))
            throw RequestValidationException.For(IdempotencyExtensions.Header, "must be 1-200 printable characters");
        var scope = actor.Kind == ClaimNames.StaffKind || actor.Kind == Roles.Provider ? $"{actor.Kind}:{actor.Tenant}" : $"{actor.Kind}:{actor.Id}";
        var fingerprint = await Fingerprint(http);

        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(50))
        {
            if (await Claim(scope, key, fingerprint, http.RequestAborted))
            {
                await RunAndRecord(http, scope, key, next);
                return;
            }
            var stored = await Find(scope, key, http.RequestAborted);
            if (stored is null) continue; // released by a failed first attempt: try to claim it again
            if (!stored.Value.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                await Results.Problem(statusCode: 422, type: Problems.IdempotencyKeyReused,
                    title: "This Idempotency-Key was used with another request.").ExecuteAsync(http);
                return;
            }
            if (stored.Value.Status is { } status)
            {
                http.Response.StatusCode = status;
                if (stored.Value.ContentType is { } type) http.Response.ContentType = type;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                await http.Response.Body.WriteAsync(stored.Value.Body ?? [], http.RequestAborted);
                return;
            }
            if (waited > Abandoned) await Release(scope, key);
            await Task.Delay(50, http.RequestAborted);
        }
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

    private async Task RunAndRecord(HttpContext http, string scope, string key, Func<Task> next)
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
            await Release(scope, key);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode >= 500) await Release(scope, key);
        else await Record(scope, key, http.Response.StatusCode, http.Response.ContentType, captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private async Task<bool> Claim(string scope, string key, byte[] fingerprint, CancellationToken ct) =>
        await Execute("insert into idempotency_keys (scope, key, fingerprint) values ($1, $2, $3) on conflict do nothing",
            ct, scope, key, fingerprint) == 1;

    private Task Record(string scope, string key, int status, string? contentType, byte[] body) =>
        Execute("update idempotency_keys set status_code = $3, content_type = $4, body = $5 where scope = $1 and key = $2",
            CancellationToken.None, scope, key, status, (object?)contentType ?? DBNull.Value, body);

    private Task Release(string scope, string key) =>
        Execute("delete from idempotency_keys where scope = $1 and key = $2 and status_code is null", CancellationToken.None, scope, key);

    private async Task<(byte[] Fingerprint, int? Status, string? ContentType, byte[]? Body)?> Find(string scope, string key, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "select fingerprint, status_code, content_type, body from idempotency_keys where scope = $1 and key = $2");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetFieldValue<byte[]>(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<byte[]>(3));
    }

    private async Task<int> Execute(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var v in values)
            command.Parameters.Add(v == DBNull.Value ? new NpgsqlParameter { Value = v, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = v });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
