using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Input;
using MutualAdmin.Web.Reference;

namespace MutualAdmin.Web.Platform;

/// <summary>
/// Platform administrators manage the Fund's and providers' API clients (fund-api.md "Authentication"):
/// create, list, rotate the secret, revoke. A secret is in the answer of its creation or rotation only
/// (never stored in clear, never replayed), and a rotated or revoked client's tokens end at once.
/// </summary>
public static class ApiClientsApi
{
    public sealed record NewClient(string? Kind, string? Name, string? Tenant = null, string? Provider = null);

    public sealed record ApiClientView(string ClientId, string Kind, string Name, string? Tenant, string? Provider,
        DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

    /// <summary>The only answer that holds a secret: shown once, stored hashed.</summary>
    public sealed record IssuedSecret(string ClientId, string ClientSecret, ApiClientView Client);

    public static IEndpointRouteBuilder MapApiClients(this IEndpointRouteBuilder app)
    {
        // Not idempotent-replayed on purpose: a replay would have to keep the secret in clear.
        var clients = app.MapGroup("/api/admin/api-clients").WithTags("Administration").ForPlatformAdmin().LimitText();
        clients.MapGet("/", List);
        clients.MapPost("/", Create).ProducesValidationProblem();
        clients.MapPost("/{clientId}/rotation", Rotate);
        clients.MapPost("/{clientId}/revocation", Revoke);
        return app;
    }

    private static async Task<Ok<ApiClientView[]>> List(ApiClients clients, CancellationToken ct) =>
        TypedResults.Ok((await clients.All(ct)).Select(View).ToArray());

    private static async Task<Created<IssuedSecret>> Create(NewClient request, ApiClients clients, Tenants tenants, ReferenceData reference,
        Actor actor, HttpContext http, ILogger<ApiClients> logger, CancellationToken ct)
    {
        await Validate(request, tenants, reference, ct);
        var (client, secret) = await clients.Create(request.Kind!, request.Name!.Trim(),
            request.Kind == Roles.Provider ? request.Tenant : null, request.Kind == Roles.Provider ? request.Provider : null, ct);
        logger.LogInformation("API client {ClientId} ({Kind}) created by {User}", client.Id, client.Kind, actor.Id);
        NotStored(http);
        return TypedResults.Created($"/api/admin/api-clients/{client.Id}", new IssuedSecret(client.Id, secret, View(client)));
    }

    private static async Task<Results<Ok<IssuedSecret>, NotFound, ProblemHttpResult>> Rotate(string clientId, ApiClients clients, Actor actor,
        HttpContext http, ILogger<ApiClients> logger, CancellationToken ct)
    {
        if (await clients.Find(clientId, ct) is not { } known) return TypedResults.NotFound();
        if (known.RevokedAt is not null || await clients.Rotate(clientId, ct) is not { } rotated)
            return TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "A revoked client stays revoked; create a new one.",
                extensions: new Dictionary<string, object?> { ["code"] = "API_CLIENT_REVOKED" });
        logger.LogInformation("API client {ClientId} rotated by {User}; its tokens have ended", clientId, actor.Id);
        NotStored(http);
        return TypedResults.Ok(new IssuedSecret(clientId, rotated.Secret, View(rotated.Client)));
    }

    private static async Task<Results<Ok<ApiClientView>, NotFound>> Revoke(string clientId, ApiClients clients, Actor actor,
        ILogger<ApiClients> logger, CancellationToken ct)
    {
        if (await clients.Revoke(clientId, ct) is not { } revoked) return TypedResults.NotFound();
        logger.LogInformation("API client {ClientId} revoked by {User}; its tokens have ended", clientId, actor.Id);
        return TypedResults.Ok(View(revoked));
    }

    private static async Task Validate(NewClient request, Tenants tenants, ReferenceData reference, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is not (Roles.Fund or Roles.Provider)) errors["kind"] = [$"must be '{Roles.Fund}' or '{Roles.Provider}'"];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required, at most 200 characters"];
        if (request.Kind == Roles.Fund)
        {
            // The Fund reads across all mutuals (fund-api.md): a mutual or a provider would mean nothing here.
            if (request.Tenant is not null) errors["tenant"] = ["a Fund client belongs to no mutual"];
            if (request.Provider is not null) errors["provider"] = ["a Fund client is no provider"];
        }
        else if (request.Kind == Roles.Provider)
        {
            if (string.IsNullOrWhiteSpace(request.Tenant) || request.Tenant == Tenants.PlatformId || await tenants.Find(request.Tenant, ct) is null)
                errors["tenant"] = ["must name the mutual the provider submits claims to"];
            else if (string.IsNullOrWhiteSpace(request.Provider) || await reference.FindProvider(request.Tenant, request.Provider, ct) is null)
                errors["provider"] = ["must name a provider contracted by that mutual"];
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    /// <summary>A secret must not linger in a cache between here and the administrator.</summary>
    private static void NotStored(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static ApiClientView View(ApiClient c) => new(c.Id, c.Kind, c.Name, c.Tenant, c.Provider, c.CreatedAt, c.RotatedAt, c.RevokedAt);
}
