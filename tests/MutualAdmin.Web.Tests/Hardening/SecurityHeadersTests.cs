using System.Net;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hardening;

/// <summary>Issue 22 §8: nosniff, no referrer and a real content security policy on the UI and the API.</summary>
public sealed class SecurityHeadersTests(TestCluster cluster) : WebTest(cluster)
{
    [Theory]
    [InlineData("/sign-in", true)]           // a page of the UI
    [InlineData("/health", false)]
    [InlineData("/api/me", false)]           // 401
    [InlineData("/api/no-such-thing", false)] // 404
    [InlineData("/ui.css", false)]
    public async Task Every_answer_carries_the_hardening_headers(string path, bool page)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy);
        if (page)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("'unsafe-eval'", policy);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        }
        else Assert.StartsWith("default-src 'none'", policy);
    }
}
