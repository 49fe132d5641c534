using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Platform;

[assembly: AssemblyFixture(typeof(TestCluster))]

namespace MutualAdmin.Web.Tests;

/// <summary>The real host on a fresh database of the assembly's PostgreSQL cluster, one per test class.</summary>
public abstract class WebTest(TestCluster cluster) : IAsyncLifetime
{
    /// <summary>Reads until <paramref name="done"/> holds, for what background work (delivery, projections) brings; fails after 30 s.</summary>
    protected static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"not reached in 30 s: {value}");
            await Task.Delay(100);
        }
    }

    protected static Task<T> Eventually<T>(Func<T> read, Func<T, bool> done) => Eventually(() => Task.FromResult(read()), done);

    protected const string Password = "correct horse battery";
    protected WebApplicationFactory<Program> Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        var connectionString = await cluster.CreateDatabase(GetType().Name);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:MutualAdmin", connectionString);
            Configure(host);
        });
        Client = Factory.CreateClient();
        await Client.GetAsync("/health"); // starts the host, so the database is migrated for the services below
    }

    /// <summary>Settings a test class needs on its host (short retry delays, say).</summary>
    protected virtual void Configure(IWebHostBuilder host) { }

    protected T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A mutual with one user per given role (usernames "{role}@{tenant}").</summary>
    protected async Task Mutual(string tenant, params string[] roles)
    {
        await Service<Tenants>().Create(new Tenant(tenant, $"Mutuelle {tenant}"), default);
        foreach (var role in roles.Length > 0 ? roles : [.. Roles.Staff])
            await Service<StaffUsers>().Create(tenant, $"{role}@{tenant}", $"{role} of {tenant}", Password, [role], "en", default);
    }

    /// <summary>A platform administrator (a user of the platform's own tenant), signed in with a bearer token.</summary>
    protected async Task<HttpClient> PlatformAdmin(string username = "root@platform")
    {
        await Service<Tenants>().EnsurePlatform(default);
        await Service<StaffUsers>().Create(Tenants.PlatformId, username, "Platform administrator", Password, [Roles.PlatformAdmin], "en", default);
        return await SignedIn(username);
    }

    /// <summary>A client whose requests carry a bearer token of that staff user.</summary>
    protected async Task<HttpClient> SignedIn(string username)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return WithToken((await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
    }

    protected async Task<HttpClient> FundClient()
    {
        var (client, secret) = await Service<ApiClients>().Create(Roles.Fund, "Test fund", null, null, default);
        return WithToken(await ClientToken("/fund/v1/token", client.Id, secret));
    }

    protected async Task<HttpClient> ProviderClient(string tenant, string provider = "hc-test")
    {
        var (client, secret) = await Service<ApiClients>().Create(Roles.Provider, "Test provider", tenant, provider, default);
        return WithToken(await ClientToken("/provider/v1/token", client.Id, secret));
    }

    protected HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> ClientToken(string path, string clientId, string clientSecret)
    {
        var response = await Client.PostAsJsonAsync(path, new { clientId, clientSecret });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
