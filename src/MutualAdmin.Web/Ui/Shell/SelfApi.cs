using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// The UI reaches data only through the platform's own HTTP API, so every screen obeys the same
/// policies, validation and audit metadata as any API caller, and shows the server's problem details
/// (field and reason) as they are. A Blazor circuit has no HTTP request after the first one and the
/// cookie is HttpOnly, so instead of carrying the cookie along we present the principal the cookie
/// proved when the circuit opened as a short-lived bearer token from the host's own issuer; it never
/// leaves the server.
/// </summary>
public sealed class SelfApi(IHttpClientFactory clients, SelfAddress self, AuthenticationStateProvider authentication, Tokens tokens, TimeProvider clock,
    NavigationManager navigation)
{
    public const string ClientName = "self";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string circuit = Guid.NewGuid().ToString("N");
    private int answered;
    private (string Value, DateTimeOffset Expires)? token;

    public Task<ApiResult<T>> Get<T>(string path, CancellationToken ct = default) =>
        Send<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>
    /// Posts with an Idempotency-Key drawn from this circuit, the path, the body and how many posts
    /// have come back so far: a double click sends the same key twice while the first is on its way,
    /// and the API replays its first answer instead of registering twice; the same form sent again
    /// later, or corrected, is a new request.
    /// </summary>
    public async Task<ApiResult<T>> Post<T>(string path, object? body, CancellationToken ct = default)
    {
        var json = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
            request.Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        var attempt = Encoding.UTF8.GetBytes($"{Volatile.Read(ref answered)} {path} ");
        request.Headers.Add("Idempotency-Key", $"ui-{circuit}-{Convert.ToHexString(SHA256.HashData([.. attempt, .. json]))[..32]}");
        try { return await Send<T>(request, ct); }
        finally { Interlocked.Increment(ref answered); }
    }

    /// <summary>Streams a file as the body (an import), without buffering it: files can be large.</summary>
    public Task<ApiResult<T>> Upload<T>(string path, Stream content, string contentType, CancellationToken ct = default) =>
        Send<T>(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StreamContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
        }, ct);

    /// <summary>A document in the format <paramref name="accept"/> names, with its response headers.</summary>
    public async Task<ApiResult<ApiFile>> Download(string path, string accept, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await Call(request, ct);
        if (!response.IsSuccessStatusCode) return new(default, Problem.Read((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new(new(await response.Content.ReadAsByteArrayAsync(ct), response.Content.Headers.ContentType?.ToString() ?? accept, headers), null);
    }

    private async Task<ApiResult<T>> Send<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await Call(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) return new(default, Problem.Read((int)response.StatusCode, body));
        return new(body.Length == 0 ? default : JsonSerializer.Deserialize<T>(body, Json), null);
    }

    private async Task<HttpResponseMessage> Call(HttpRequestMessage request, CancellationToken ct)
    {
        if (await Token() is not { } bearer) return SessionEnded();
        request.RequestUri = new Uri(self.Value, request.RequestUri!.OriginalString);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized) SessionEnded();
        return response;
    }

    /// <summary>A token for the signed-in user that outlives neither the cache period nor their sign-in; null once it has ended.</summary>
    private async Task<string?> Token()
    {
        var now = clock.GetUtcNow();
        if (token is { } t && t.Expires > now.AddMinutes(1)) return t.Value;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true) return null;
        var expires = SessionRevalidation.Ends(user) is { } ends && ends < now + TokenLifetime ? ends : now + TokenLifetime;
        if (expires <= now) return null;
        var issued = tokens.Issue(user.Claims, expires - now);
        // Cached only while more than a minute is left, so a session's last minute asks each time.
        token = (issued.AccessToken, expires);
        return issued.AccessToken;
    }

    /// <summary>
    /// The sign-in has ended (or the API no longer accepts it) between two session checks: the page
    /// goes to sign in, with the reason, and the caller gets the API's own answer to show meanwhile.
    /// </summary>
    private HttpResponseMessage SessionEnded()
    {
        navigation.NavigateTo("sign-in?expired=true", forceLoad: true);
        return new(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("""{"status":401,"title":"Your session has ended; sign in again."}""", Encoding.UTF8, "application/problem+json"),
        };
    }
}
