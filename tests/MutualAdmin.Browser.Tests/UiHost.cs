using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Schemes.Publishing;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Browser.Tests;

/// <summary>
/// The real host listening on a free port, on a fresh database of the assembly's cluster, seeded with
/// the demo (two mutuals, one user per role each, English at Thiès and French at Kaolack, CSU-BASE).
/// One per test class.
/// </summary>
public class UiHost(TestCluster cluster) : IAsyncLifetime
{
    public const string Thies = "mutuelle-thies", Kaolack = "mutuelle-kaolack";
    private WebApplicationFactory<Program> factory = null!;

    public string Password { get; private set; } = "";
    private (string Id, string Secret) fundClient;
    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await cluster.CreateDatabase("browser");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:MutualAdmin", connectionString);
            host.UseSetting("Urls", "http://127.0.0.1:0"); // appsettings.json names 5080; any free port will do
            foreach (var (key, value) in Settings) host.UseSetting(key, value);
        });
        factory.UseKestrel(0);
        factory.StartServer();
        Address = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var seeded = await factory.Services.GetRequiredService<DemoSeed>().Run(default);
        (Password, fundClient) = (seeded.Password, (seeded.FundClientId!, seeded.FundClientSecret!));
        await Seeded();
    }

    /// <summary>What a kind of host adds once the demo is seeded (see <see cref="NoWaitingHost"/>).</summary>
    protected virtual Task Seeded() => Task.CompletedTask;

    /// <summary>Settings a kind of host adds to the demo's (see <see cref="NoWaitingHost"/>).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    public T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    /// <summary>An API client acting as a demo user, for setting up what a test starts from.</summary>
    public async Task<HttpClient> Api(string username)
    {
        var client = new HttpClient { BaseAddress = Address };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The Fund's API client of the demo, for what the Fund does in a test (acknowledge a remittance).</summary>
    public async Task<HttpClient> FundApi()
    {
        var client = new HttpClient { BaseAddress = Address };
        var response = await client.PostAsJsonAsync("/fund/v1/token", new { clientId = fundClient.Id, clientSecret = fundClient.Secret });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}

/// <summary>
/// The demo host where the demo schemes have a version with no waiting period from the day after the
/// demo's (S-2: an affiliation takes it from the version in force), so that a household paid up today
/// is covered today and its claims pass the cover checks (C-2) without moving any clock.
/// </summary>
public sealed class NoWaitingHost(TestCluster cluster) : UiHost(cluster)
{
    protected override async Task Seeded()
    {
        foreach (var scheme in Service<SeedFiles>().Schemes())
            await PublishScheme.Publish(Service<EventStore.EventStore>(), EventMetadata.System(SchemeStreams.Tenant, "no-waiting-host"),
                SchemeDocument.Of(scheme with { EffectiveFrom = scheme.EffectiveFrom.AddDays(1), WaitingPeriodDays = 0 }), DateTimeOffset.UtcNow, default);
    }
}

/// <summary>
/// The demo host where a sign-in lasts seconds and open pages check it every second, so a test sees a
/// session end (Auth:StaffSession, Ui:SessionCheck).
/// </summary>
public sealed class ShortSessionHost(TestCluster cluster) : UiHost(cluster)
{
    public static readonly TimeSpan Session = TimeSpan.FromSeconds(15);

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("Auth:StaffSession", Session.ToString("c")), ("Ui:SessionCheck", "00:00:01")];
}
