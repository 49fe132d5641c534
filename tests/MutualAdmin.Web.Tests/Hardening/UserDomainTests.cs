using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hardening;

/// <summary>
/// Issue 22 §8: an administrator cannot create a user in another mutual's domain, and the refusal is
/// the same whether or not that mutual has a user of that name.
/// </summary>
public sealed class UserDomainTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_name_in_another_mutual_s_domain_is_refused_alike_whether_it_exists_there_or_not()
    {
        await Mutual("thies", "admin", "cashier");
        await Mutual("kaolack", "admin");
        var kaolack = await SignedIn("admin@kaolack");

        var existing = await Create(kaolack, "cashier@thies");
        var unknown = await Create(kaolack, "nobody@thies");

        Assert.Equal(HttpStatusCode.BadRequest, existing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(Errors(await existing.Content.ReadAsStringAsync()), Errors(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains("username", Errors(await unknown.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Created, (await Create(kaolack, "binta.cashier@kaolack")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Create(kaolack, "plainname")).StatusCode);
    }

    private static Task<HttpResponseMessage> Create(HttpClient admin, string username) => admin.PostAsJsonAsync("/api/admin/users",
        new { username, displayName = "Someone", password = "long enough password", roles = new[] { "cashier" } });

    private static string Errors(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("errors").GetRawText();
}
