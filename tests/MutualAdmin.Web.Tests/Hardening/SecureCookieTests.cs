using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hardening;

/// <summary>Issue 22 §8: the sign-in cookie is Secure whenever the request is https, here or at a trusted proxy.</summary>
public sealed class SecureCookieTests(TestCluster cluster) : WebTest(cluster)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies", "manager");
    }

    private static async Task<string> SignInCookie(HttpClient client, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new { username = "manager@thies", password = Password }),
        };
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mutualadmin=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_https_the_cookie_is_secure()
    {
        var https = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        Assert.Contains("; secure", await SignInCookie(https), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_proxy_on_this_machine_that_received_https_the_cookie_is_secure()
    {
        Assert.Contains("; secure", await SignInCookie(Client, "https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", await SignInCookie(Client), StringComparison.OrdinalIgnoreCase);
    }
}
