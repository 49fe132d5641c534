using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Auth;

public sealed class IdempotencyTests(TestCluster cluster) : WebTest(cluster)
{
    private static object NewCashier(string name) =>
        new { username = name, displayName = name, password = "long enough password", roles = new[] { "cashier" } };

    private static HttpRequestMessage Post(string key, object body) => new(HttpMethod.Post, "/api/admin/users")
    {
        Content = JsonContent.Create(body),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task The_same_key_and_body_give_the_same_response_and_one_effect()
    {
        await Mutual("thies", "admin");
        var admin = await SignedIn("admin@thies");
        var first = await admin.SendAsync(Post("k-1", NewCashier("fatou")));
        var again = await admin.SendAsync(Post("k-1", NewCashier("fatou")));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single(await Service<StaffUsers>().OfTenant("thies", default), u => u.Username == "fatou");
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        await Mutual("kaolack", "admin");
        var admin = await SignedIn("admin@kaolack");
        await admin.SendAsync(Post("k-2", NewCashier("moussa")));
        var reused = await admin.SendAsync(Post("k-2", NewCashier("ousmane")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.DoesNotContain(await Service<StaffUsers>().OfTenant("kaolack", default), u => u.Username == "ousmane");
    }

    [Fact]
    public async Task Two_racing_requests_with_one_key_have_one_effect_and_one_answer()
    {
        await Mutual("louga", "admin");
        var admin = await SignedIn("admin@louga");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.SendAsync(Post("k-race", NewCashier("aminata")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Single(await Service<StaffUsers>().OfTenant("louga", default), u => u.Username == "aminata");
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_mutual()
    {
        await Mutual("matam", "admin");
        await Mutual("fatick", "admin");
        var first = await (await SignedIn("admin@matam")).SendAsync(Post("shared-key", NewCashier("awa.matam")));
        var second = await (await SignedIn("admin@fatick")).SendAsync(Post("shared-key", NewCashier("awa.fatick")));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
    }
}
