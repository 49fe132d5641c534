using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests;

public sealed class HealthTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task The_host_is_alive_and_ready_once_migrated()
    {
        var alive = await Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        var ready = await Client.GetFromJsonAsync<Report>("/health/ready");
        Assert.Equal("ready", ready!.Status);
        Assert.Empty(ready.Problems);
    }

    private sealed record Report(string Status, string[] Problems);
}
