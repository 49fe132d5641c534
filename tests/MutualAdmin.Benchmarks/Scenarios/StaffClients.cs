using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>The HTTP scenarios' staff users: one password, and a client carrying a user's bearer token.</summary>
public static class StaffClients
{
    public const string Password = "correct horse battery";

    public static async Task<HttpClient> SignedIn(string url, string username)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        var token = (await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = Password }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
