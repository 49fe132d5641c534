using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MutualAdmin.Testing;
using MutualAdmin.Domain;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// An Idempotency-Key whose request was in flight when its host was killed (SIGKILL, a real separate
/// process) is answered within seconds when the client retries on the restarted host, and the
/// household is written once. The request is held in flight the way a busy store holds it: another
/// session has the store's append lock (as a long collective import does), so the registration waits
/// for it with its key claimed.
/// </summary>
public sealed class CrashRetryTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const long AppendLock = 7305411061; // the store's append lock (EventStore/Log/AppendLock.cs)
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(5);

    private string ConnectionString => Service<IConfiguration>().GetConnectionString("MutualAdmin")!;

    private static HttpRequestMessage Registration(string key, object household) => new(HttpMethod.Post, "/api/members")
    {
        Content = JsonContent.Create(household),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task A_retry_after_a_crash_mid_request_is_answered_within_seconds_and_written_once()
    {
        await Mutual("joal", StaffRole.EnrolmentOfficer);
        var household = Household(Person("Ndeye Crash", birthDate: "1979-03-02"), confirmedNotDuplicate: true);

        await using (var first = await HostProcess.Start(ConnectionString))
        {
            var officer = await Officer(first, "enrolment-officer@joal");
            await using var busyStore = await HoldAppendLock();
            var inFlight = officer.SendAsync(Registration("crash-1", household));
            var waiting = await BlockedAppend();
            Assert.Equal(1, await Scalar("select count(*) from idempotency_keys where key = 'crash-1' and status_code is null"));

            await first.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
            // The killed host's statement stops although the lock it waits for is still held.
            Assert.True(await Gone(waiting), "the killed host's append still waits in PostgreSQL");
        }

        await using var second = await HostProcess.Start(ConnectionString);
        var retrying = await Officer(second, "enrolment-officer@joal");
        var clock = Stopwatch.StartNew();
        var answer = await retrying.SendAsync(Registration("crash-1", household));
        clock.Stop();

        Assert.True(answer.StatusCode == HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        Assert.True(clock.Elapsed < FewSeconds, $"the retry took {clock.Elapsed}");
        var id = (await Json(answer)).GetProperty("householdId").GetGuid();
        Assert.Equal(1, await Scalar("select count(*) from events where tenant_id = 'joal' and event_type = 'member-registered'"));
        Assert.Equal(1, await Scalar($"select count(*) from events where stream_id = 'household-{id}' and event_type = 'member-registered'"));

        var again = await retrying.SendAsync(Registration("crash-1", household));
        Assert.Equal(("true", await answer.Content.ReadAsStringAsync()), (again.Headers.GetValues("Idempotent-Replayed").Single(), await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_retry_after_a_crash_whose_write_landed_is_answered_within_seconds_and_not_written_twice()
    {
        await Mutual("mbour", StaffRole.EnrolmentOfficer);
        var household = Household(Person("Khady Landed", birthDate: "1981-07-09"), confirmedNotDuplicate: true);

        await using (var first = await HostProcess.Start(ConnectionString))
        {
            var officer = await Officer(first, "enrolment-officer@mbour");
            var busyStore = await HoldAppendLock();
            var inFlight = officer.SendAsync(Registration("landed-1", household));
            var waiting = await BlockedAppend();
            await first.Kill();
            // The store frees up at once: the killed host's append, sent with its commit, usually lands.
            await busyStore.DisposeAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
            Assert.True(await Gone(waiting), "the killed host's session is still there");
        }

        await using var second = await HostProcess.Start(ConnectionString);
        var retrying = await Officer(second, "enrolment-officer@mbour");
        var clock = Stopwatch.StartNew();
        var answer = await retrying.SendAsync(Registration("landed-1", household));
        clock.Stop();

        Assert.True(clock.Elapsed < FewSeconds, $"the retry took {clock.Elapsed}");
        Assert.Equal(1, await Scalar("select count(*) from events where tenant_id = 'mbour' and event_type = 'member-registered'"));
        var stream = await Text("select stream_id from events where tenant_id = 'mbour' and event_type = 'member-registered'");
        var body = await Json(answer);
        TestContext.Current.TestOutputHelper?.WriteLine($"the retry was answered {(int)answer.StatusCode} in {clock.Elapsed}");
        if (answer.StatusCode == HttpStatusCode.Conflict)
        {
            // Written by the dead attempt: said so, with what it wrote, and not done again.
            Assert.Equal("https://mutualadmin.org/problems/idempotency-key-answer-lost", body.GetProperty("type").GetString());
            Assert.Contains(stream, body.GetProperty("streams").EnumerateArray().Select(s => s.GetString()));
        }
        else
        {
            // The dead attempt's append was stopped before it was granted the lock: done now, once.
            Assert.True(answer.StatusCode == HttpStatusCode.Created, body.ToString());
            Assert.Equal($"household-{body.GetProperty("householdId").GetGuid()}", stream);
        }
        var again = await retrying.SendAsync(Registration("landed-1", household));
        Assert.Equal((answer.StatusCode, body.ToString()), (again.StatusCode, (await Json(again)).ToString()));
    }

    private static async Task<HttpClient> Officer(HostProcess host, string username)
    {
        var client = host.Client();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }

    /// <summary>A session holding the store's append lock in a transaction, rolled back when it is disposed.</summary>
    private async Task<NpgsqlConnection> HoldAppendLock()
    {
        var connection = await Service<NpgsqlDataSource>().OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"select pg_advisory_xact_lock({AppendLock})", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>The backend of an append waiting for the store's lock.</summary>
    private async Task<int> BlockedAppend()
    {
        for (var tries = 0; tries < 600; tries++)
        {
            var pid = await Scalar("""
                select coalesce(min(pid), 0) from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and query like '%chain_events%'
                """);
            if (pid != 0) return (int)pid;
            await Task.Delay(50);
        }
        throw new TimeoutException("the registration never reached the store");
    }

    private async Task<bool> Gone(int pid)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            if (await Scalar($"select count(*) from pg_stat_activity where pid = {pid}") == 0) return true;
            await Task.Delay(50);
        }
        return false;
    }

    private async Task<string> Text(string sql)
    {
        await using var command = Service<NpgsqlDataSource>().CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
