using System.Net;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hardening;

/// <summary>Issue 22 §8: a path no endpoint serves is 404 for everyone, not 403 to the signed-in.</summary>
public sealed class UnknownPathTests(TestCluster cluster) : WebTest(cluster)
{
    [Theory]
    [InlineData("/api/members/not-a-uuid")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/fund/v1/no-such-thing")]
    public async Task A_path_nothing_serves_is_404(string path)
    {
        await Mutual("thies", "enrolment-officer");
        var officer = await SignedIn("enrolment-officer@thies");

        var response = await officer.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_endpoint_still_refuses_a_caller_it_does_not_name()
    {
        await Mutual("thies", "enrolment-officer");
        var officer = await SignedIn("enrolment-officer@thies");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync($"/api/members/{Guid.Empty}")).StatusCode);
    }
}
