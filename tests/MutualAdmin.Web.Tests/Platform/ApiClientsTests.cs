using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Tests.Platform;

/// <summary>
/// Issue 20 §4: platform administrators create, list, rotate and revoke the Fund's and providers' API
/// clients over the API; a secret is shown once and stored hashed; a revoked client's tokens stop at once.
/// </summary>
public sealed class ApiClientsTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_Fund_client_is_created_with_its_secret_shown_once_and_stored_hashed()
    {
        var root = await PlatformAdmin();
        var created = await root.PostAsJsonAsync("/api/admin/api-clients", new { kind = "fund", name = "Fonds national" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "a secret must not be cached on its way");
        var issued = await Json(created);
        var (id, secret) = (issued.GetProperty("clientId").GetString()!, issued.GetProperty("clientSecret").GetString()!);

        var listing = await (await root.GetAsync("/api/admin/api-clients")).Content.ReadAsStringAsync();
        var listed = JsonDocument.Parse(listing).RootElement.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == id);
        Assert.Equal(("fund", "Fonds national"), (listed.GetProperty("kind").GetString(), listed.GetProperty("name").GetString()));
        Assert.DoesNotContain(secret, listing);
        Assert.False(listed.TryGetProperty("clientSecret", out _));
        var stored = await StoredHash(id);
        Assert.DoesNotContain(secret, stored);
        Assert.NotEqual(secret.Length, stored.Length);

        Assert.Equal(HttpStatusCode.OK, (await (await Fund(id, secret)).GetAsync("/fund/v1/schemes")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_clients_token_is_refused_on_its_very_next_request_and_gets_no_new_one()
    {
        var root = await PlatformAdmin();
        var (id, secret) = await Create(root, new { kind = "fund", name = "Fonds" });
        var (otherId, otherSecret) = await Create(root, new { kind = "fund", name = "Fonds, autre système" });
        var fund = await Fund(id, secret);
        var other = await Fund(otherId, otherSecret);
        Assert.Equal(HttpStatusCode.OK, (await fund.GetAsync("/fund/v1/schemes")).StatusCode);

        var revoked = await root.PostAsync($"/api/admin/api-clients/{id}/revocation", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await Json(revoked)).GetProperty("revokedAt").ValueKind);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fund.GetAsync("/fund/v1/schemes")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/fund/v1/schemes")).StatusCode);
        var rotate = await root.PostAsync($"/api/admin/api-clients/{id}/rotation", null);
        Assert.Equal(HttpStatusCode.Conflict, rotate.StatusCode);
        Assert.Equal("API_CLIENT_REVOKED", (await Json(rotate)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await root.PostAsync("/api/admin/api-clients/fund-nobody/revocation", null)).StatusCode);
    }

    [Fact]
    public async Task A_rotated_client_answers_only_to_its_new_secret_and_its_old_tokens_end()
    {
        var root = await PlatformAdmin();
        var (id, secret) = await Create(root, new { kind = "fund", name = "Fonds" });
        var before = await Fund(id, secret);

        var rotated = await root.PostAsync($"/api/admin/api-clients/{id}/rotation", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.True(rotated.Headers.CacheControl?.NoStore);
        var fresh = (await Json(rotated)).GetProperty("clientSecret").GetString()!;

        Assert.NotEqual(secret, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/fund/v1/schemes")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Fund(id, fresh)).GetAsync("/fund/v1/schemes")).StatusCode);
    }

    [Fact]
    public async Task A_provider_client_names_a_mutual_and_a_provider_it_has_and_a_bad_request_names_the_field()
    {
        await Mutual("thies", "admin");
        await Service<ReferenceData>().SaveProvider(new ProviderSeed("cs-joal", "Centre de santé de Joal", "health-centre", "thies",
            new Locality("Thiès", "Mbour", "Joal-Fadiouth"), "CTR-1"), default);
        var root = await PlatformAdmin();

        foreach (var (body, field) in new (object, string)[]
        {
            (new { kind = "astronaut", name = "x" }, "kind"),
            (new { kind = "fund", name = " " }, "name"),
            (new { kind = "fund", name = "Fonds", tenant = "thies" }, "tenant"),
            (new { kind = "provider", name = "CS", tenant = "nowhere", provider = "cs-joal" }, "tenant"),
            (new { kind = "provider", name = "CS", tenant = "platform", provider = "cs-joal" }, "tenant"),
            (new { kind = "provider", name = "CS", tenant = "thies", provider = "cs-nowhere" }, "provider"),
        })
        {
            var refused = await root.PostAsJsonAsync("/api/admin/api-clients", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)} should name {field}");
        }
        Assert.Empty(await Service<Web.Platform.ApiClients>().All(default));

        var (id, secret) = await Create(root, new { kind = "provider", name = "CS Joal", tenant = "thies", provider = "cs-joal" });
        var token = await Client.PostAsJsonAsync("/provider/v1/token", new { clientId = id, clientSecret = secret });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task The_demos_Fund_client_is_found_through_the_admin_API_and_rotated_there_for_a_new_secret()
    {
        var report = await Service<DemoSeed>().Run(default);
        var root = await SignedInAs("root.admin@platform", report.Password);

        var listed = Assert.Single((await Json(await root.GetAsync("/api/admin/api-clients"))).EnumerateArray());
        Assert.Equal((report.FundClientId, "fund"), (listed.GetProperty("clientId").GetString(), listed.GetProperty("kind").GetString()));
        var fresh = (await Json(await root.PostAsync($"/api/admin/api-clients/{report.FundClientId}/rotation", null))).GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await (await Fund(report.FundClientId!, fresh)).GetAsync("/fund/v1/schemes")).StatusCode);
    }

    private async Task<HttpClient> SignedInAs(string username, string password)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return WithToken((await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
    }

    private static async Task<(string Id, string Secret)> Create(HttpClient root, object body)
    {
        var created = await root.PostAsJsonAsync("/api/admin/api-clients", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await Json(created);
        return (issued.GetProperty("clientId").GetString()!, issued.GetProperty("clientSecret").GetString()!);
    }

    private async Task<HttpClient> Fund(string id, string secret)
    {
        var response = await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }

    private async Task<string> StoredHash(string clientId)
    {
        await using var command = Service<Database>().DataSource.CreateCommand("select secret_hash from api_clients where client_id = $1");
        command.Parameters.Add(new() { Value = clientId });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
