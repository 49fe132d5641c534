using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Testing;
using MutualAdmin.Web.Fund.Webhooks;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>
/// Issue 22 §3: webhooks never reach the platform's own network. Every refusal here happens before a
/// connection is opened, or on loopback: no test sends anything off this machine.
/// </summary>
public sealed class WebhookTargetTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const string Added = "org.mutualadmin.beneficiary.added";

    // Plain http is allowed for these two so that what refuses them below is their address alone;
    // neither is an allowed host.
    protected override void Configure(IWebHostBuilder host)
    {
        host.UseSetting("Fund:Webhooks:PollEvery", "00:00:00.100");
        host.UseSetting("Fund:Webhooks:AllowPlainHttpFor:0", "127.0.0.1");
        host.UseSetting("Fund:Webhooks:AllowPlainHttpFor:1", "localhost");
    }

    public static readonly TheoryData<string> Refused =
    [
        "http://127.0.0.1:18999/hook",                          // the reported case: loopback
        "https://127.0.0.2/hook",
        "https://localhost/hook",                               // a name that resolves to loopback (here, from /etc/hosts)
        "https://169.254.169.254/latest/meta-data/",            // link-local: cloud metadata
        "https://10.1.2.3/hook", "https://172.16.0.1/hook", "https://192.168.1.10/hook", // private
        "https://100.64.0.1/hook",                              // shared (CGNAT)
        "https://224.0.0.1/hook", "https://255.255.255.255/hook", // multicast, broadcast
        "https://0.0.0.0/hook", "https://[::]/hook",            // unspecified
        "https://[::1]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://[ff02::1]/hook",
        "https://[::ffff:127.0.0.1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://[2002:c0a8:0101::1]/hook",
        "https://2130706433/hook",                              // 127.0.0.1 written as one number
        "http://203.0.113.10/hook",                             // public, but plain http for a host not named by the operator
        "https://user:secret@203.0.113.10/hook",                // credentials in the URL
        "ftp://203.0.113.10/hook", "file:///etc/passwd",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_webhook_to_an_internal_address_or_without_https_is_refused_at_registration(string url)
    {
        var fund = await FundClient();
        var before = await Scalar("select count(*) from fund_webhooks");
        var response = await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url, types = new[] { Added } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("url", out _));
        Assert.Equal(before, await Scalar("select count(*) from fund_webhooks"));
    }

    [Fact]
    public async Task A_public_https_webhook_is_registered_and_deleted_without_being_called()
    {
        // 203.0.113.0/24 is for documentation: public by its form, and no event is sent before the deletion.
        var fund = await FundClient();
        var response = await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "https://203.0.113.10/hook", types = new[] { "org.mutualadmin.claim.decided" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await Json(response)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await fund.DeleteAsync($"/fund/v1/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_stored_webhook_that_now_leads_to_loopback_is_refused_at_delivery_and_nothing_is_sent()
    {
        await Mutual("thies");
        await using var receiver = await WebhookReceiver.Start();
        var port = new Uri(receiver.Url).Port;
        // Stored as if they had passed registration (a name whose DNS has changed since, or stored
        // before these checks): one by name, checked as the connection opens, one by literal address.
        var byName = await Stored($"http://localhost:{port}/hook");
        var byAddress = await Stored($"http://127.0.0.1:{port}/hook");

        await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Not Sent")));

        foreach (var id in new[] { byName, byAddress })
        {
            var error = await Eventually<string?>(() => LastError(id), e => e is not null);
            Assert.Contains("refused", error);
        }
        Assert.Empty(receiver.Requests);
    }

    private async Task<Guid> Stored(string url)
    {
        var id = Guid.NewGuid();
        await using var command = Service<NpgsqlDataSource>().CreateCommand("""
            insert into fund_webhooks (id, client_id, url, types, secret, delivered_position)
            values ($1, 'some-fund-client', $2, $3, $4, (select coalesce(max(position), 0) from fund_feed))
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = url });
        command.Parameters.Add(new() { Value = new[] { Added } });
        command.Parameters.Add(new() { Value = WebhookSignature.NewSecret() });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<string?> LastError(Guid id)
    {
        await using var command = Service<NpgsqlDataSource>().CreateCommand("select last_error from fund_webhooks where id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync() as string;
    }
}
