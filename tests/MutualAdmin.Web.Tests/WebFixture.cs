using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MutualAdmin.Testing;

[assembly: AssemblyFixture(typeof(TestCluster))]

namespace MutualAdmin.Web.Tests;

/// <summary>The real host on a fresh database of the assembly's PostgreSQL cluster, one per test class.</summary>
public abstract class WebTest(TestCluster cluster) : IAsyncLifetime
{
    protected WebApplicationFactory<Program> Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        var connectionString = await cluster.CreateDatabase(GetType().Name);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:MutualAdmin", connectionString);
        });
        Client = Factory.CreateClient();
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
