using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Domain;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// A request racing another of the same Idempotency-Key that is still running waits up to
/// Idempotency:Wait for its answer, then is told 409 in progress at once, not after minutes, and the
/// work is done once.
/// </summary>
public sealed class KeyInProgressTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const long AppendLock = 7305411061; // the store's append lock (EventStore/Log/AppendLock.cs)

    protected override void Configure(IWebHostBuilder host) => host.UseSetting("Idempotency:Wait", "00:00:01");

    private static HttpRequestMessage Registration(string key, object household) => new(HttpMethod.Post, "/api/members")
    {
        Content = JsonContent.Create(household),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task A_request_racing_a_running_one_of_its_key_is_told_409_in_progress_within_the_wait()
    {
        await Mutual("fatick", StaffRole.EnrolmentOfficer);
        var officer = await SignedIn("enrolment-officer@fatick");
        var household = Household(Person("Astou Racing", birthDate: "1988-08-08"), confirmedNotDuplicate: true);

        await using var busyStore = await Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var holding = await busyStore.BeginTransactionAsync();
        await using (var lockIt = new NpgsqlCommand($"select pg_advisory_xact_lock({AppendLock})", busyStore, holding))
            await lockIt.ExecuteNonQueryAsync();
        var first = officer.SendAsync(Registration("race-1", household));
        while (await Scalar("select count(*) from idempotency_keys where key = 'race-1'") == 0) await Task.Delay(50);

        var clock = Stopwatch.StartNew();
        var racing = await officer.SendAsync(Registration("race-1", household));
        clock.Stop();

        Assert.Equal(HttpStatusCode.Conflict, racing.StatusCode);
        Assert.Equal("https://mutualadmin.org/problems/idempotency-key-in-progress", (await Json(racing)).GetProperty("type").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), racing.Headers.RetryAfter?.Delta);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the racing request took {clock.Elapsed}");

        await holding.RollbackAsync();
        var done = await first;
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        var again = await officer.SendAsync(Registration("race-1", household));
        Assert.Equal((HttpStatusCode.Created, await done.Content.ReadAsStringAsync()), (again.StatusCode, await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await Scalar("select count(*) from events where tenant_id = 'fatick' and event_type = 'member-registered'"));
    }
}
