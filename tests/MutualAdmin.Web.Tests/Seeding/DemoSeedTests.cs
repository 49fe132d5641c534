using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Tests.Seeding;

public sealed class DemoSeedTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task The_demo_seeds_mutuals_users_of_every_role_and_reference_data_once()
    {
        var first = await Service<DemoSeed>().Run(default);
        var second = await Service<DemoSeed>().Run(default);

        Assert.True(first.Seeded);
        Assert.False(second.Seeded);
        Assert.NotNull(first.FundClientSecret);
        Assert.Null(second.FundClientSecret);
        var tenants = await Service<Tenants>().All(default);
        Assert.Equal(2, tenants.Count);
        foreach (var tenant in tenants)
        {
            var roles = (await Service<StaffUsers>().OfTenant(tenant.Id, default)).SelectMany(u => u.Roles).ToHashSet();
            Assert.Superset(Roles.Staff.ToHashSet(), roles);
            Assert.NotEmpty(await Service<ReferenceData>().Providers(tenant.Id, default));
        }
        Assert.True(await Service<ReferenceData>().Icd10Count(default) >= 300);
        var scheme = await Service<MutualAdmin.Web.Schemes.SchemeCatalogues>().InForce("CSU-BASE", new DateOnly(2026, 6, 1), default);
        Assert.Equal((1, 7000L), (scheme!.Version, scheme.ContributionPerBeneficiary));

        var cashier = first.Usernames.First(u => u.Contains("cashier"));
        var token = await Client.PostAsJsonAsync("/api/auth/token", new { username = cashier, password = first.Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var fund = await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = first.FundClientId, clientSecret = first.FundClientSecret });
        Assert.Equal(HttpStatusCode.OK, fund.StatusCode);
    }
}
