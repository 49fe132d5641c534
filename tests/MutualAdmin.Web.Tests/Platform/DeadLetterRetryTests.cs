using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Platform;

/// <summary>A platform administrator applies a dead-lettered event again once its cause is fixed, exactly once.</summary>
public sealed class DeadLetterRetryTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private readonly Flaky flaky = new();

    protected override void Configure(IWebHostBuilder host) =>
        host.ConfigureTestServices(services => services.AddSingleton<IProjection>(flaky));

    [Fact]
    public async Task A_dead_letter_is_applied_again_once_fixed_and_two_retries_at_once_apply_it_once()
    {
        await Mutual("thies");
        var admin = await PlatformAdmin();
        flaky.Failing = true;
        var registered = await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Awa Diop", "SN-1985-0001")));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30)); // it went past the event, dead-lettering it
        var letter = Assert.Single(await Letters(admin));
        var retry = $"/api/admin/projections/dead-letters/{letter.GetProperty("tenant").GetString()}/{letter.GetProperty("id").GetInt64()}/retry";

        var again = await admin.PostAsync(retry, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("DEAD_LETTER_FAILED_AGAIN", (await Json(again)).GetProperty("code").GetString());
        Assert.Single(await Letters(admin));
        Assert.Equal(0, await Scalar("select count(*) from flaky_register"));

        flaky.Failing = false;
        var both = await Task.WhenAll(admin.PostAsync(retry, null), admin.PostAsync(retry, null));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NotFound], both.Select(r => r.StatusCode).Order());
        Assert.Empty(await Letters(admin));
        Assert.Equal(1, await Scalar("select applied from flaky_register"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync(retry, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedIn("manager@thies")).PostAsync(retry, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedIn("admin@thies")).PostAsync(retry, null)).StatusCode);
    }

    private async Task<List<JsonElement>> Letters(HttpClient admin) =>
        [.. (await Json(await admin.GetAsync("/api/admin/projections/dead-letters"))).EnumerateArray()
            .Where(l => l.GetProperty("projection").GetString() == Flaky.Projection)];

    /// <summary>Counts every application of a member's registration, and fails them all while told to.</summary>
    private sealed class Flaky : IProjection
    {
        public const string Projection = "flaky-register";
        public volatile bool Failing;
        public string Name => Projection;
        public IReadOnlyCollection<string> EventTypes => ["member-registered"];
        public IReadOnlyCollection<string> Tables => ["flaky_register"];

        public string CreateTables(ProjectionTables t) =>
            $"create table {t["flaky_register"]} (position bigint primary key, applied int not null)";

        public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
        {
            if (Failing) throw new InvalidOperationException("the flaky projection is failing");
            foreach (var e in batch.Events)
            {
                var table = batch.Tables["flaky_register"];
                await using var command = new NpgsqlCommand(
                    $"insert into {table} values ($1, 1) on conflict (position) do update set applied = {table}.applied + 1", connection, transaction);
                command.Parameters.Add(new() { Value = e.Position });
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
