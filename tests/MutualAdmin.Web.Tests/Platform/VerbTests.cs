using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Platform;

/// <summary>The platform administrator's verbs, run as the executable runs them, against this class's database.</summary>
[Collection(VerbTest.Collection)]
public sealed class VerbTests(TestCluster cluster) : VerbTest(cluster)
{
    [Fact]
    public async Task Tenants_users_and_clients_are_created_from_the_command_line()
    {
        Assert.Equal(0, await Run("create-tenant", "mutuelle-cli", "Mutuelle de la ligne de commande"));
        Assert.Equal(0, await Run("create-user", "--tenant", "mutuelle-cli", "--username", "awa@cli", "--password", Password,
            "--role", "cashier", "manager", "--name", "Awa"));
        Assert.Equal(0, await Run("create-fund-client", "--name", "Fonds"));
        Assert.Equal(0, await Run("create-provider-client", "--name", "Centre", "--tenant", "mutuelle-cli", "--provider", "cs-1"));

        Assert.NotNull(await Service<Tenants>().Find("mutuelle-cli", default));
        var user = Assert.Single(await Service<StaffUsers>().OfTenant("mutuelle-cli", default));
        Assert.Equal(["cashier", "manager"], user.Roles);
        var token = await Client.PostAsJsonAsync("/api/auth/token", new { username = "awa@cli", password = Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_and_creates_nothing()
    {
        await Run("create-tenant", "mutuelle-roles", "Roles");
        Assert.NotEqual(0, await Run("create-user", "--tenant", "mutuelle-roles", "--username", "x@roles", "--password", Password, "--role", "astronaut"));
        Assert.Empty(await Service<StaffUsers>().OfTenant("mutuelle-roles", default));
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_creates_nothing()
    {
        await Run("create-tenant", "mutuelle-weak", "Weak");
        Assert.NotEqual(0, await Run("create-user", "--tenant", "mutuelle-weak", "--username", "x@weak", "--password", "password2026", "--role", "cashier"));
        Assert.Empty(await Service<StaffUsers>().OfTenant("mutuelle-weak", default));
    }

    [Fact]
    public async Task A_platform_administrator_is_created_from_the_command_line_in_the_platforms_own_tenant()
    {
        Assert.Equal(0, await Run("create-platform-admin", "--username", "root@platform", "--password", Password));
        Assert.NotEqual(0, await Run("create-user", "--tenant", "platform", "--username", "x@platform", "--password", Password, "--role", "admin"));
        Assert.NotEqual(0, await Run("create-tenant", "platform", "Not a mutual"));

        var root = Assert.Single(await Service<StaffUsers>().OfTenant(Tenants.PlatformId, default));
        Assert.Equal("root@platform", root.Username);
        Assert.Equal(["platform-admin"], root.Roles);
        var token = await Client.PostAsJsonAsync("/api/auth/token", new { username = "root@platform", password = Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
