using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Platform;

/// <summary>
/// Issue 22 §2: the machinery every mutual shares (projections, dead letters across mutuals, the Fund's
/// webhooks) is operated by a platform administrator only; a mutual's staff see their own dead letters,
/// without stack traces or source paths.
/// </summary>
public sealed class PlatformAdminTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private readonly Failing failing = new();

    protected override void Configure(IWebHostBuilder host) =>
        host.ConfigureTestServices(services => services.AddSingleton<IProjection>(failing));

    [Fact]
    public async Task A_mutuals_admin_cannot_pause_a_shared_projection_nor_retry_another_mutuals_dead_letter()
    {
        var (thiesLetter, _) = await OneDeadLetterEach();
        var kaolackAdmin = await SignedIn("admin@kaolack");
        var retry = $"/api/admin/projections/dead-letters/thies/{thiesLetter.GetProperty("id").GetInt64()}/retry";

        Assert.Equal(HttpStatusCode.Forbidden, (await kaolackAdmin.PostAsync("/api/admin/projections/collections-by-month/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kaolackAdmin.PostAsync(retry, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedIn("admin@thies")).PostAsync(retry, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kaolackAdmin.PostAsync("/api/admin/projections/collections-by-month/rebuild", null)).StatusCode);
        var status = await Json(await kaolackAdmin.GetAsync("/api/admin/projections"));
        Assert.Equal("running", Projection(status, "collections-by-month").GetProperty("state").GetString()!.ToLowerInvariant());
        Assert.Equal(2, (await PlatformLetters()).Count); // the refused retry applied nothing

        var root = await PlatformAdmin();
        Assert.Equal(HttpStatusCode.NoContent, (await root.PostAsync("/api/admin/projections/collections-by-month/pause", null)).StatusCode);
        Assert.Equal("paused", Projection(await Json(await root.GetAsync("/api/admin/projections")), "collections-by-month").GetProperty("state").GetString()!.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.NoContent, (await root.PostAsync("/api/admin/projections/collections-by-month/resume", null)).StatusCode);
    }

    [Fact]
    public async Task A_mutuals_staff_see_only_their_own_dead_letters_without_stack_trace_or_source_path()
    {
        var (thiesLetter, kaolackLetter) = await OneDeadLetterEach();
        Assert.Contains("   at ", thiesLetter.GetProperty("error").GetString()); // the platform administrator sees the whole trace

        foreach (var role in new[] { "manager", "auditor", "admin" })
        {
            var staff = await SignedIn($"{role}@kaolack");
            var seen = (await Json(await staff.GetAsync("/api/admin/projections/dead-letters"))).EnumerateArray().ToList();
            var letter = Assert.Single(seen);
            Assert.Equal("kaolack", letter.GetProperty("tenant").GetString());
            Assert.Equal(kaolackLetter.GetProperty("streamKey").GetString(), letter.GetProperty("streamKey").GetString());
            var error = letter.GetProperty("error").GetString()!;
            Assert.Equal("System.InvalidOperationException: the failing projection refuses /srv/mutualadmin/bin/x.dll here",
                error.Replace("…", "/srv/mutualadmin/bin/x.dll"));
            Assert.DoesNotContain("\n", error);
            Assert.DoesNotContain(" at ", error);
            Assert.DoesNotContain(".cs", error);
            Assert.DoesNotContain("/srv", error);

            var status = await Json(await staff.GetAsync("/api/admin/projections"));
            Assert.Equal(1, Projection(status, Failing.Projection).GetProperty("openDeadLetters").GetInt64());
        }
        Assert.Equal("thies", Assert.Single((await Json(await (await SignedIn("auditor@thies")).GetAsync("/api/admin/projections/dead-letters")))
            .EnumerateArray()).GetProperty("tenant").GetString());
        Assert.Equal(2, Projection(await Json(await (await PlatformAdmin()).GetAsync("/api/admin/projections")), Failing.Projection)
            .GetProperty("openDeadLetters").GetInt64());
    }

    [Fact]
    public async Task Only_a_platform_administrator_sees_the_Funds_webhooks()
    {
        await Mutual("thies", "admin");
        await Mutual("kaolack", "admin");
        var fund = await FundClient();
        (await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "https://203.0.113.20/hook", types = new[] { "org.mutualadmin.beneficiary.added" } }))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedIn("admin@thies")).GetAsync("/api/admin/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedIn("admin@kaolack")).GetAsync("/api/admin/webhooks")).StatusCode);
        var listed = await Json(await (await PlatformAdmin()).GetAsync("/api/admin/webhooks"));
        Assert.Equal("https://203.0.113.20/hook", Assert.Single(listed.EnumerateArray()).GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_mutuals_admin_cannot_grant_the_platform_role_and_no_mutual_takes_the_platforms_tenant()
    {
        await Mutual("thies", "admin");
        var refused = await (await SignedIn("admin@thies")).PostAsJsonAsync("/api/admin/users",
            new { username = "sneaky@thies", displayName = "Sneaky", password = Password, roles = new[] { "platform-admin" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("roles[0]", out _));
        await Assert.ThrowsAsync<ArgumentException>(() => Service<Web.Platform.Tenants>().Create(new("platform", "A mutual"), default));
    }

    private async Task<(JsonElement Thies, JsonElement Kaolack)> OneDeadLetterEach()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        failing.On = true;
        foreach (var (tenant, id) in new[] { ("thies", "SN-1985-0001"), ("kaolack", "SN-1985-0002") })
        {
            var registered = await Register(await SignedIn($"enrolment-officer@{tenant}"), Household(Person($"Awa {tenant}", id)));
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
            // One at a time: a batch whose every event fails pauses the projection rather than dead-lettering them.
            await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        }
        var letters = await PlatformLetters();
        Assert.Equal(2, letters.Count);
        return (letters.Single(l => l.GetProperty("tenant").GetString() == "thies"), letters.Single(l => l.GetProperty("tenant").GetString() == "kaolack"));
    }

    private async Task<List<JsonElement>> PlatformLetters() =>
        [.. (await Json(await (await PlatformAdmin()).GetAsync("/api/admin/projections/dead-letters"))).EnumerateArray()
            .Where(l => l.GetProperty("projection").GetString() == Failing.Projection)];

    private static JsonElement Projection(JsonElement status, string name) =>
        status.EnumerateArray().First(p => p.GetProperty("name").GetString() == name && p.GetProperty("live").GetBoolean());

    /// <summary>Fails every registration with a message that names a file path, as real errors do.</summary>
    private sealed class Failing : IProjection
    {
        public const string Projection = "failing-register";
        public volatile bool On;
        public string Name => Projection;
        public IReadOnlyCollection<string> EventTypes => ["member-registered"];
        public IReadOnlyCollection<string> Tables => ["failing_register"];

        public string CreateTables(ProjectionTables t) => $"create table {t["failing_register"]} (position bigint primary key)";

        public Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
            On ? throw new InvalidOperationException("the failing projection refuses /srv/mutualadmin/bin/x.dll here") : Task.CompletedTask;
    }
}
