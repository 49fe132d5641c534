using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Testing;
using MutualAdmin.Web.Fund.Webhooks;
using MutualAdmin.Web.Tests.Enrolment;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>fund-api.md "Webhooks": signed, at least once, in order per endpoint, retried, dead-lettered, 410 disables.</summary>
public sealed class WebhookTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const string Added = "org.mutualadmin.beneficiary.added";
    private HttpClient fund = null!, officer = null!;

    protected override void Configure(IWebHostBuilder host)
    {
        host.UseSetting("Fund:Webhooks:FirstRetryAfter", "00:00:00.200");
        host.UseSetting("Fund:Webhooks:PollEvery", "00:00:00.100");
        host.UseSetting("Fund:Webhooks:RetryFor", "00:00:02");
        // The receiver stands on loopback, which only an operator's explicit settings let webhooks reach.
        host.UseSetting("Fund:Webhooks:AllowedHosts:0", "127.0.0.1");
        host.UseSetting("Fund:Webhooks:AllowPlainHttpFor:0", "127.0.0.1");
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        fund = await FundClient();
        officer = await SignedIn("enrolment-officer@thies");
    }

    [Fact]
    public async Task Every_event_arrives_signed_and_in_order_after_the_first_attempts_fail()
    {
        await using var receiver = await WebhookReceiver.Start();
        var attempts = 0;
        receiver.Answer = _ => Interlocked.Increment(ref attempts) <= 2 ? 500 : 200;
        var (id, secret) = await Subscribe(receiver.Url, [Added]);

        for (var i = 0; i < 4; i++) await Register(officer, Household(Person($"Hook {i}", birthDate: $"198{i}-03-03")));

        var delivered = await Eventually(() => receiver.Requests.Where(r => r.Answered == 200).ToList(), d => d.Count >= 4);
        foreach (var r in receiver.Requests)
        {
            Assert.Equal(WebhookSignature.Sign(secret, r.Id, long.Parse(r.Timestamp), r.Body), r.Signature);
            Assert.Equal(JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString(), r.Id);
        }
        Assert.Equal(2, receiver.Requests.Count(r => r.Answered == 500));
        // The failing event was retried under the same webhook-id, then the rest followed it in position order.
        Assert.Equal(receiver.Requests.First().Id, delivered[0].Id);
        var positions = delivered.Select(r => long.Parse(JsonDocument.Parse(r.Body).RootElement.GetProperty("position").GetString()!)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(4, delivered.Select(r => r.Id).Distinct().Count());
        Assert.All(delivered, r => Assert.Equal(Added, JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_410_disables_the_endpoint()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Answer = _ => 410;
        var (id, _) = await Subscribe(receiver.Url, [Added]);

        await Register(officer, Household(Person("Gone One")));
        var endpoint = await Eventually(() => Endpoint(id), e => e.GetProperty("disabledAt").ValueKind == JsonValueKind.String);

        await Register(officer, Household(Person("Gone Two", birthDate: "1971-01-01")));
        await Task.Delay(1000);
        Assert.Single(receiver.Requests);
        Assert.Contains("410", endpoint.GetProperty("disabledReason").GetString());
    }

    [Fact]
    public async Task An_event_failing_past_the_retry_window_is_dead_lettered_the_rest_go_on_and_staff_can_send_it_again()
    {
        await using var receiver = await WebhookReceiver.Start();
        string? poisoned = null;
        receiver.Answer = r => (poisoned ??= r.Id) == r.Id ? 500 : 200;
        var (id, _) = await Subscribe(receiver.Url, [Added]);

        await Register(officer, Household(Person("Dead Letter")));
        await Register(officer, Household(Person("After It", birthDate: "1979-09-09")));

        var endpoint = await Eventually(() => Endpoint(id), e => e.GetProperty("deadLetters").GetArrayLength() == 1
            && e.GetProperty("attempts").GetInt32() == 0 && receiver.Requests.Any(r => r.Answered == 200));
        var letter = endpoint.GetProperty("deadLetters")[0];
        Assert.Equal(poisoned, letter.GetProperty("eventId").GetString());

        var admin = await PlatformAdmin();
        receiver.Answer = _ => 200;
        var retried = await admin.PostAsync($"/api/admin/webhooks/{id}/dead-letters/{letter.GetProperty("position").GetInt64()}/retry", null);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Contains(receiver.Requests, r => r.Id == poisoned && r.Answered == 200);
        Assert.Equal(JsonValueKind.String, (await Endpoint(id)).GetProperty("deadLetters")[0].GetProperty("retriedAt").ValueKind);
    }

    [Fact]
    public async Task A_redirect_is_a_failed_delivery_and_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Answer = _ => 302;
        // Followed, the redirect would turn into a GET of a path the receiver does not serve (404), on loopback only.
        receiver.Location = receiver.Url.Replace("/hook", "/elsewhere");
        var (id, _) = await Subscribe(receiver.Url, [Added]);

        await Register(officer, Household(Person("Redirected One")));
        var endpoint = await Eventually(() => Endpoint(id), e => e.GetProperty("lastError").ValueKind == JsonValueKind.String);

        Assert.Contains("redirects are not followed", endpoint.GetProperty("lastError").GetString());
        Assert.All(receiver.Requests, r => Assert.Equal(302, r.Answered));
    }

    [Fact]
    public async Task The_fund_deletes_its_own_webhook_and_deliveries_stop()
    {
        await using var receiver = await WebhookReceiver.Start();
        var (id, _) = await Subscribe(receiver.Url, [Added]);

        var otherFund = await FundClient();
        Assert.Equal(HttpStatusCode.NotFound, (await otherFund.DeleteAsync($"/fund/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fund.DeleteAsync($"/fund/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fund.DeleteAsync($"/fund/v1/webhooks/{id}")).StatusCode);

        await Register(officer, Household(Person("After Deletion")));
        await Task.Delay(1000);
        Assert.Empty(receiver.Requests);
        Assert.Equal(0, await Scalar($"select count(*) from fund_webhooks where id = '{id}'"));
    }

    [Fact]
    public async Task A_subscription_needs_an_http_url_and_known_types()
    {
        var bad = await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "ftp://example.org/x", types = new[] { Added, "org.mutualadmin.nothing" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True(errors.TryGetProperty("types[1]", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "https://example.org/x", types = Array.Empty<string>() })).StatusCode);
    }

    private async Task<(Guid Id, string Secret)> Subscribe(string url, string[] types)
    {
        var response = await fund.PostAsJsonAsync("/fund/v1/webhooks", new { url, types });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    private async Task<JsonElement> Endpoint(Guid id)
    {
        var admin = await PlatformAdmin();
        return (await Json(await admin.GetAsync("/api/admin/webhooks"))).EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
    }
}
