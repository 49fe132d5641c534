using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MutualAdmin.EventStore.Embedded;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Fund.Webhooks;
using MutualAdmin.Web.Projections;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Hosting;

/// <summary>
/// PostgreSQL really stopped and started again under the running host. The cluster is this class's
/// own: stopping the assembly's shared one would fail every other class running meanwhile.
/// </summary>
public sealed class DatabaseOutageTests(TestCluster cluster, DatabaseOutageTests.OwnCluster own)
    : EnrolmentTest(cluster), IClassFixture<DatabaseOutageTests.OwnCluster>
{
    protected override void Configure(IWebHostBuilder host) => host.UseSetting("ConnectionStrings:MutualAdmin", own.ConnectionString);

    [Fact]
    public async Task While_the_database_is_down_requests_answer_503_and_the_host_serves_again_when_it_returns()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Awa Diop", "SN-1")))).StatusCode);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var events = await Scalar("select count(*) from events");

        await own.Cluster.Stop();
        await Unavailable(await officer.GetAsync("/api/members?name=awa"));
        await Unavailable(await Register(officer, Household(Person("Fatou Sow", "SN-2"))));
        await Unavailable(await officer.GetAsync("/api/members?name=fatou"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/health/ready")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the background services meet the outage too

        await own.Cluster.Resume();
        await Ready();
        Assert.Equal(events, await Scalar("select count(*) from events")); // the refused registration left nothing
        Assert.Equal(["Awa Diop"], await Names(officer, ""));

        // The same registration again goes through, and the daemon, back at work, projects it.
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Fatou Sow", "SN-2")))).StatusCode);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        Assert.Equal(["Awa Diop", "Fatou Sow"], await Names(officer, ""));
        Assert.True(Service<ProjectionDaemon>().IsRunning());
        Assert.False(Service<WebhookDelivery>().ExecuteTask!.IsCompleted);
        Assert.All(Service<IEnumerable<IHostedService>>().OfType<BackgroundService>(), s => Assert.False(s.ExecuteTask!.IsCompleted, s.GetType().Name));
    }

    [Fact]
    public async Task A_session_the_server_ends_or_a_server_not_there_is_an_outage_and_a_failing_statement_is_not()
    {
        var session = new NpgsqlConnectionStringBuilder(own.ConnectionString) { Pooling = false };
        Assert.False(DatabaseOutage.Is(await Failure(session, "select * from no_such_table")));
        // What a fast shutdown does to every session: 57P01 admin_shutdown.
        Assert.True(DatabaseOutage.Is(await Failure(session, "select pg_terminate_backend(pg_backend_pid())")));
        // What a write meets on a full disk (issue 26, case 6): 53100 disk_full, raised as the server raises it.
        Assert.True(DatabaseOutage.Is(await Failure(session, "do $$ begin raise exception 'could not extend file' using errcode = 'disk_full'; end $$")));
        session.Host = "127.0.0.1";
        session.Port = PlatformProcess.FreePort();
        Assert.True(DatabaseOutage.Is(await Failure(session, "select 1")));
    }

    private static async Task<Exception> Failure(NpgsqlConnectionStringBuilder session, string sql) =>
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(session.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        });

    private static async Task Unavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problems.Unavailable, (await Json(response)).GetProperty("type").GetString());
    }

    private async Task Ready()
    {
        for (var waited = 0; (await Client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK; waited++)
        {
            Assert.True(waited < 300, "the host did not become ready again within 30 s of the database's return");
            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> Names(HttpClient officer, string query)
    {
        var page = await officer.GetAsync($"/api/members?{query}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return [.. (await Json(page)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!).Order()];
    }

    /// <summary>This class's own cluster, which the test stops and starts (on the same port) at will.</summary>
    public sealed class OwnCluster : IAsyncLifetime
    {
        private readonly DataFolder folder = new();

        public EmbeddedPostgres Cluster { get; private set; } = null!;
        public string ConnectionString { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            // Throwaway (synchronous_commit and fsync off) like the shared test cluster: what is tested is the outage, not the disk.
            Cluster = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);
            await Cluster.CreateDatabase("outage");
            ConnectionString = Cluster.ConnectionStringFor("outage");
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await folder.DisposeAsync();
        }
    }
}
