using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MutualAdmin.Faults.Load;

/// <summary>
/// A signed-in caller (a demo staff user, or the Fund's client) shared by the clients of a run: one
/// sign-in per role keeps the guessing brake out of the figures. A token the host no longer accepts
/// (401) is renewed once, by whichever client meets it first.
/// </summary>
public sealed class Session(Uri address, string tokenPath, object credentials)
{
    public const string DemoPassword = "Demo-Mutuelle-2026";
    private readonly SemaphoreSlim renewing = new(1, 1);
    private string token = "";

    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public string Token => token;

    public static async Task<Session> Staff(Uri address, string username)
    {
        var session = new Session(address, "/api/auth/token", new { username, password = DemoPassword });
        await session.Renew("");
        return session;
    }

    public static async Task<Session> Fund(Uri address, string clientId, string clientSecret)
    {
        var session = new Session(address, "/fund/v1/token", new { clientId, clientSecret });
        await session.Renew("");
        return session;
    }

    /// <summary>Signs in again unless another client already did since <paramref name="stale"/> was read.</summary>
    public async Task Renew(string stale)
    {
        await renewing.WaitAsync();
        try
        {
            if (token != stale) return;
            using var answer = await Http.PostAsJsonAsync(tokenPath, credentials);
            if (answer.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"sign-in at {tokenPath} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            token = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        finally
        {
            renewing.Release();
        }
    }

    /// <summary>A GET for the checker, its token renewed if it expired.</summary>
    public async Task<JsonElement> Read(string path)
    {
        for (var tries = 0; ; tries++)
        {
            var used = token;
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", used);
            using var answer = await Http.SendAsync(request);
            if (answer.StatusCode == HttpStatusCode.Unauthorized && tries == 0) { await Renew(used); continue; }
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable && tries < 30) { await Task.Delay(1000); continue; }
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            return await answer.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
