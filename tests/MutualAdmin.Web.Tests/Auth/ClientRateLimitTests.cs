using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §5: each Fund and provider API client has its own rate limit (Auth:ClientLimits), here a
/// burst of 3 and 1 a second; over it, 429 with Retry-After, and the other clients are still served.
/// </summary>
public sealed class ClientRateLimitTests(TestCluster cluster) : WebTest(cluster)
{
    protected override void Configure(IWebHostBuilder host)
    {
        foreach (var kind in new[] { "Fund", "Provider" })
        {
            host.UseSetting($"Auth:ClientLimits:{kind}:PerSecond", "1");
            host.UseSetting($"Auth:ClientLimits:{kind}:Burst", "3");
        }
    }

    [Fact]
    public async Task A_fund_client_over_its_rate_is_429_with_retry_after_and_another_client_is_still_served()
    {
        var fund = await FundClient();
        var other = await FundClient();
        // Ten calls at once: three from the burst, perhaps one more refilled meanwhile, the rest refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fund.GetAsync("/fund/v1/events?after=0")));
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 3, 5);
        await AssertTooMany(answers.First(a => a.StatusCode != HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/fund/v1/events?after=0")).StatusCode);
    }

    [Fact]
    public async Task A_provider_client_over_its_rate_is_429_with_retry_after_and_another_client_is_still_served()
    {
        await Mutual("thies", "manager");
        var provider = await ProviderClient("thies", "hc-joal");
        var other = await ProviderClient("thies", "dh-mbour");
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => provider.GetAsync("/provider/v1/claims/no-such-claim")));
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.NotFound), 3, 5);
        await AssertTooMany(answers.First(a => a.StatusCode != HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/provider/v1/claims/no-such-claim")).StatusCode);
    }

    [Fact]
    public async Task Staff_are_not_held_to_a_client_limit()
    {
        await Mutual("thies", "manager");
        var manager = await SignedIn("manager@thies");
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => manager.GetAsync("/api/me")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    private static async Task AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After {response.Headers.RetryAfter}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://mutualadmin.org/problems/too-many-requests", problem.GetProperty("type").GetString());
    }
}
