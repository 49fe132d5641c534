using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Auth;

/// <summary>Signing in: staff by username and password, the Fund and providers by client id and secret.</summary>
public static class AuthApi
{
    public sealed record StaffCredentials(string Username, string Password);
    public sealed record ClientCredentials(string ClientId, string ClientSecret);
    public sealed record Me(string Id, string Kind, string? Tenant, string? TenantName, IReadOnlyList<string> Roles, string? Name, string? Language);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", StaffToken).AllowAnonymous().WithTags("Auth");
        app.MapPost("/api/auth/sign-in", SignIn).AllowAnonymous().WithTags("Auth");
        app.MapPost("/api/auth/sign-out", (Delegate)SignOut).RequireAuthorization(Policies.AnyStaff).WithTags("Auth");
        app.MapGet("/api/me", WhoAmI).RequireAuthorization(Policies.AnyStaff).WithTags("Auth");
        app.MapPost("/fund/v1/token", (ClientCredentials c, ApiClients clients, SignInThrottle throttle, HttpContext http, Tokens tokens, CancellationToken ct) =>
            ClientToken(Roles.Fund, c, clients, throttle, http, tokens, ct)).AllowAnonymous().WithTags("Fund");
        app.MapPost("/provider/v1/token", (ClientCredentials c, ApiClients clients, SignInThrottle throttle, HttpContext http, Tokens tokens, CancellationToken ct) =>
            ClientToken(Roles.Provider, c, clients, throttle, http, tokens, ct)).AllowAnonymous().WithTags("Provider");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> StaffToken(
        StaffCredentials credentials, StaffUsers users, SignInThrottle throttle, TimeProvider clock, HttpContext http, Tokens tokens, CancellationToken ct)
    {
        if (throttle.Admit(http, StaffAccount(credentials.Username)) is { } wait) return SignInThrottle.TooMany(http, wait);
        var result = await users.SignIn(credentials.Username, credentials.Password, ct);
        if (result.User is not { } user) return Refused(result, http, clock);
        return TypedResults.Ok(tokens.Issue(ClaimsOf(user), Tokens.StaffLifetime));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignIn(
        StaffCredentials credentials, StaffUsers users, SignInThrottle throttle, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (throttle.Admit(http, StaffAccount(credentials.Username)) is { } wait) return SignInThrottle.TooMany(http, wait);
        var result = await users.SignIn(credentials.Username, credentials.Password, ct);
        if (result.User is not { } user) return Refused(result, http, clock);
        await http.SignInAsync(CookieScheme, CookiePrincipal(user));
        return TypedResults.NoContent();
    }

    /// <summary>The account a staff sign-in counts against in <see cref="SignInThrottle"/>; clients count as "{kind}:{id}".</summary>
    public static string StaffAccount(string username) => $"user:{username}";

    private static ProblemHttpResult Refused(SignInOutcome result, HttpContext http, TimeProvider clock) =>
        result.LockedUntil is { } until ? SignInThrottle.LockedOut(http, until, clock.GetUtcNow()) : BadCredentials();

    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Who the staff cookie says the user is; the UI's sign-in page sets the same cookie.</summary>
    public static ClaimsPrincipal CookiePrincipal(StaffUser user) =>
        new(new ClaimsIdentity(ClaimsOf(user), CookieScheme, ClaimNames.Name, ClaimNames.Role));

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Me>> WhoAmI(Actor actor, Tenants tenants, StaffUsers users, CancellationToken ct)
    {
        var user = await users.Find(actor.Tenant, Guid.Parse(actor.Id), ct);
        var tenant = await tenants.Find(actor.Tenant, ct);
        return TypedResults.Ok(new Me(actor.Id, actor.Kind, actor.Tenant, tenant?.Name, actor.Roles, user?.DisplayName, user?.Language));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ClientToken(string kind, ClientCredentials credentials,
        ApiClients clients, SignInThrottle throttle, HttpContext http, Tokens tokens, CancellationToken ct)
    {
        // Secrets are long random strings, so a client is throttled but never locked out: a lockout
        // would only let anyone who knows a client id cut the Fund off.
        if (throttle.Admit(http, $"{kind}:{credentials.ClientId}") is { } wait) return SignInThrottle.TooMany(http, wait);
        var client = await clients.Authenticate(kind, credentials.ClientId, credentials.ClientSecret, ct);
        if (client is null) return BadCredentials();
        List<Claim> claims = [new(ClaimNames.Subject, client.Id), new(ClaimNames.Kind, kind), new(ClaimNames.Name, client.Name), new(ClaimNames.Role, kind),
            new(ClaimNames.Stamp, client.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (client.Tenant is not null) claims.Add(new(ClaimNames.Tenant, client.Tenant));
        if (client.Provider is not null) claims.Add(new(ClaimNames.Provider, client.Provider));
        return TypedResults.Ok(tokens.Issue(claims, Tokens.FundLifetime));
    }

    private static IEnumerable<Claim> ClaimsOf(StaffUser user) =>
    [
        new(ClaimNames.Subject, user.Id.ToString()), new(ClaimNames.Kind, ClaimNames.StaffKind),
        new(ClaimNames.Tenant, user.Tenant), new(ClaimNames.Name, user.DisplayName),
        new(ClaimNames.Stamp, user.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. user.Roles.Select(r => new Claim(ClaimNames.Role, r)),
    ];

    private static ProblemHttpResult BadCredentials() => TypedResults.Problem(
        statusCode: 401, type: Problems.Unauthorized, title: "Unknown user or client, or wrong secret.");
}
