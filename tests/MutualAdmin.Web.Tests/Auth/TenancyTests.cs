using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Auth;

public sealed class TenancyTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_user_of_one_mutual_gets_404_for_another_mutuals_resources()
    {
        await Mutual("thies", "admin");
        await Mutual("kaolack", "admin");
        var kaolackUser = (await Service<StaffUsers>().OfTenant("kaolack", default)).Single();
        var thiesUser = (await Service<StaffUsers>().OfTenant("thies", default)).Single();
        var thiesAdmin = await SignedIn("admin@thies");

        Assert.Equal(HttpStatusCode.NotFound, (await thiesAdmin.GetAsync($"/api/admin/users/{kaolackUser.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thiesAdmin.GetAsync($"/api/admin/users/{thiesUser.Id}")).StatusCode);
        var listed = await thiesAdmin.GetFromJsonAsync<UsersApi.UserView[]>("/api/admin/users");
        Assert.Equal(["admin@thies"], listed!.Select(u => u.Username));
    }

    [Fact]
    public async Task The_tenant_comes_from_the_principal_never_from_the_request()
    {
        await Mutual("louga", "admin");
        await Mutual("matam", "admin");
        var lougaAdmin = await SignedIn("admin@louga");
        var response = await lougaAdmin.PostAsJsonAsync("/api/admin/users?tenant=matam",
            new { username = "intruder", displayName = "Intruder", password = "long enough password", roles = new[] { "cashier" }, tenant = "matam" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(await Service<StaffUsers>().OfTenant("matam", default), u => u.Username == "intruder");
        Assert.Single(await Service<StaffUsers>().OfTenant("louga", default), u => u.Username == "intruder");
    }
}
