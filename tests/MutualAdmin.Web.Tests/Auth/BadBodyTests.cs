using System.Net;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>Every POST/PUT that takes JSON answers bad bodies with a 400 problem, never a 500 and never a write.</summary>
public sealed class BadBodyTests(TestCluster cluster) : WebTest(cluster)
{
    public static readonly TheoryData<string, string> Bodies = new()
    {
        { "malformed JSON", """{"username": "a", """ },
        { "not an object", "\"just a string\"" },
        { "wrong types", """{"username": 5, "displayName": [], "password": {}, "roles": "admin", "clientId": 7, "clientSecret": false, "effectiveFrom": 12}""" },
        { "impossible date", """{"effectiveFrom": "2026-02-30", "date": "2026-13-01", "receivedOn": "2026-02-30"}""" },
        { "unknown enum value", """{"roles": ["astronaut"], "kind": "astronaut", "visitType": "teleport"}""" },
        { "oversized", "{\"padding\": \"" + new string('x', 2_000_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_bodies_are_400_problems_on_every_json_endpoint(string what, string body)
    {
        await Mutual("thies");
        var callers = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        foreach (var route in Routes.Of(Factory).Where(r => r.TakesJson && r.Method is "POST" or "PUT"))
        {
            var allowed = EndpointMatrix.Allowed[route.Key];
            var caller = allowed.Contains(EndpointMatrix.Anyone) ? "anonymous" : allowed[0];
            var client = callers.TryGetValue(caller, out var c) ? c : callers[caller] = await ClientFor(caller);
            var response = await client.SendAsync(route.Request(body));
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : default;
            var badRequest = response.StatusCode == HttpStatusCode.BadRequest;
            var typed = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("type", out _);
            // A semantically invalid body may also be refused by a rule (409) or unknown credentials (401) — never 5xx.
            var acceptable = what is "unknown enum value" or "impossible date" or "wrong types"
                ? (int)response.StatusCode is 400 or 401 or 409 or 422 && typed
                : badRequest && typed;
            if (!acceptable) failures.Add($"{route.Key} ({what}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<HttpClient> ClientFor(string caller) => caller switch
    {
        "anonymous" => Client,
        "fund" => await FundClient(),
        "provider" => await ProviderClient("thies"),
        "platform-admin" => await PlatformAdmin(),
        _ => await SignedIn($"{caller}@thies"),
    };
}
