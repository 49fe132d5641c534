using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §5: sign-ins and token requests are limited per address and per account (a username or
/// an API client) with 429 and Retry-After: here 6 per address and 3 per account a minute
/// (Auth:SignInLimits), so the lockout (10 failures) does not come first.
/// </summary>
public sealed class SignInThrottleTests(TestCluster cluster) : WebTest(cluster)
{
    protected override void Configure(IWebHostBuilder host)
    {
        host.UseSetting("Auth:SignInLimits:PerAddress", "6");
        host.UseSetting("Auth:SignInLimits:PerAccount", "3");
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies", "manager");
    }

    [Fact]
    public async Task Sign_ins_from_one_address_over_its_limit_are_429_with_retry_after_even_with_the_right_password()
    {
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/api/auth/token", new { username = $"guess{i}@thies", password = "wrong password" })).StatusCode);
        await AssertTooMany(await Client.PostAsJsonAsync("/api/auth/token", new { username = "manager@thies", password = Password }));
        await AssertTooMany(await Client.PostAsJsonAsync("/api/auth/sign-in", new { username = "manager@thies", password = Password }));
    }

    [Fact]
    public async Task Sign_ins_for_one_username_over_its_limit_are_429_whichever_path_they_take()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/api/auth/token", new { username = "manager@thies", password = "wrong password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync("/api/auth/token", new { username = "manager@thies", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsJsonAsync("/api/auth/sign-in", new { username = "Manager@Thies", password = Password })).StatusCode);
        await AssertTooMany(await Client.PostAsJsonAsync("/api/auth/token", new { username = "manager@thies", password = Password }));
    }

    [Fact]
    public async Task The_fund_token_endpoint_is_limited_per_client()
    {
        var (fund, secret) = await Service<ApiClients>().Create(Roles.Fund, "Fund", null, null, default);
        var (other, otherSecret) = await Service<ApiClients>().Create(Roles.Fund, "Other fund system", null, null, default);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = fund.Id, clientSecret = secret })).StatusCode);
        await AssertTooMany(await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = fund.Id, clientSecret = secret }));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = other.Id, clientSecret = otherSecret })).StatusCode);
    }

    [Fact]
    public async Task The_provider_token_endpoint_is_limited_per_client()
    {
        var (provider, secret) = await Service<ApiClients>().Create(Roles.Provider, "Centre", "thies", "hc-joal", default);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/provider/v1/token", new { clientId = provider.Id, clientSecret = "guess" })).StatusCode);
        await AssertTooMany(await Client.PostAsJsonAsync("/provider/v1/token", new { clientId = provider.Id, clientSecret = secret }));
    }

    private static async Task AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var wait = response.Headers.RetryAfter?.Delta;
        Assert.True(wait >= TimeSpan.FromSeconds(1) && wait <= TimeSpan.FromMinutes(1), $"Retry-After {wait}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://mutualadmin.org/problems/too-many-requests", problem.GetProperty("type").GetString());
    }
}
