using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Tests.Platform;

/// <summary>
/// Two app nodes on one database: a client revoked through one is refused by the other once that node's
/// credential check period (Auth:CredentialCheck) has passed, though the other node had just accepted it.
/// </summary>
public sealed class ClusterRevocationTests(TestCluster cluster) : WebTest(cluster)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override void Configure(IWebHostBuilder host) => host.UseSetting("Auth:CredentialCheck", Period.ToString());

    [Fact]
    public async Task A_client_revoked_on_one_node_is_refused_by_another_within_its_check_period()
    {
        var root = await PlatformAdmin();
        var created = JsonDocument.Parse(await (await root.PostAsJsonAsync("/api/admin/api-clients", new { kind = "fund", name = "Fonds" }))
            .Content.ReadAsStringAsync()).RootElement;
        var (id, secret) = (created.GetProperty("clientId").GetString(), created.GetProperty("clientSecret").GetString());
        var token = (await (await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret }))
            .Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;

        await using var otherNode = Factory.WithWebHostBuilder(_ => { });
        var elsewhere = otherNode.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/fund/v1/schemes")).StatusCode); // that node now knows the stamp

        Assert.Equal(HttpStatusCode.OK, (await root.PostAsync($"/api/admin/api-clients/{id}/revocation", null)).StatusCode);
        await Task.Delay(Period + TimeSpan.FromMilliseconds(200));

        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/fund/v1/schemes")).StatusCode);
    }
}
