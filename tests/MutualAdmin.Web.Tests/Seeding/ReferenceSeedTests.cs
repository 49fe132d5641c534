using System.Text.RegularExpressions;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Web.Tests.Seeding;

/// <summary>The reference seeds hold together: every name one file uses is defined in another.</summary>
public sealed partial class ReferenceSeedTests
{
    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$")] private static partial Regex Icd10Code();
    [GeneratedRegex("^[a-z0-9-]{2,40}$")] private static partial Regex TenantSlug();

    static readonly IReadOnlySet<string> Mutuals = Seeds.Files.Tenants().Mutuals.Select(m => m.Id).ToHashSet();
    static readonly IReadOnlySet<(string, string, string)> Communes =
        Seeds.Files.Localities().Communes().Select(l => (l.Region, l.District, l.Commune)).ToHashSet();

    [Fact]
    public void C_2_the_ICD_10_list_has_at_least_300_unique_well_formed_codes()
    {
        var codes = Seeds.Files.Icd10();
        Assert.True(codes.Count >= 300, $"{codes.Count} codes");
        Assert.All(codes, c => Assert.Matches(Icd10Code(), c.Code));
        Assert.All(codes, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), c.Code));
        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
        // Malaria, pregnancy and delivery codes are what most demo claims will carry.
        Assert.Superset(new HashSet<string> { "B50.9", "B54", "O80", "A09", "I10", "E11.9" }, codes.Select(c => c.Code).ToHashSet());
        Assert.Contains("B509", Seeds.Files.Icd10CodeSet());
    }

    [Fact]
    public void Two_mutuals_with_tenant_slugs_under_one_Fund()
    {
        var tenants = Seeds.Files.Tenants();
        Assert.False(string.IsNullOrWhiteSpace(tenants.Fund.Name));
        Assert.Equal(2, tenants.Mutuals.Count);
        Assert.All(tenants.Mutuals, m => Assert.Matches(TenantSlug(), m.Id));
    }

    [Fact]
    public void Providers_span_the_four_levels_in_known_localities_of_known_mutuals()
    {
        var providers = Seeds.Files.Providers();
        Assert.InRange(providers.Count, 8, 12);
        Assert.Equal(ProviderLevel.All.Order(), providers.Select(p => p.Level).Distinct().Order());
        Assert.All(providers, p => Assert.Contains(p.Tenant, Mutuals));
        Assert.All(providers, p => Assert.Contains((p.Locality.Region, p.Locality.District, p.Locality.Commune), Communes));
        Assert.Equal(providers.Count, providers.Select(p => p.Id).Distinct().Count());
        Assert.Equal(providers.Count, providers.Select(p => p.ContractReference).Distinct().Count());
    }

    [Fact]
    public void K_3_one_collector_pays_after_harvest_and_one_pays_quarterly()
    {
        var collectors = Seeds.Files.Collectors();
        Assert.All(collectors, c => Assert.Contains(c.Tenant, Mutuals));
        var cooperative = Assert.Single(collectors, c => c.Agreement.PaymentPlan == PaymentPlan.Seasonal);
        Assert.Equal("cooperative", cooperative.Kind);
        Assert.Equal(100, cooperative.Agreement.SeasonalShares!.Sum(s => s.Percent));
        var microFinance = Assert.Single(collectors, c => c.Agreement.PaymentPlan == PaymentPlan.Quarterly);
        Assert.Equal("micro-finance-institution", microFinance.Kind);

        // A coverage year from 1 March 2026 pays on 15 January 2027, after that season's harvest.
        var shares = cooperative.Agreement.SeasonalSharesFor(new DateOnly(2026, 3, 1));
        Assert.Equal([new SeasonalShare(new DateOnly(2027, 1, 15), 100)], shares);
        var instalment = Assert.Single(InstalmentPlan.Schedule(PaymentPlan.Seasonal, 14000, 14000, new DateOnly(2026, 3, 1), null, shares));
        Assert.Equal((new DateOnly(2027, 1, 15), 14000L), (instalment.DueOn!.Value, instalment.MemberShare));
    }

    [Fact]
    public void Every_mutual_has_one_demo_user_per_staff_role()
    {
        var seeds = Seeds.Files.Users();
        string[] roles = [StaffRole.EnrolmentOfficer, StaffRole.Cashier, StaffRole.ClaimsOfficer, StaffRole.MedicalReviewer,
            StaffRole.Manager, StaffRole.Auditor, StaffRole.Admin];
        foreach (var mutual in Mutuals)
            Assert.Equal(roles.Order(), seeds.Users.Where(u => u.Tenant == mutual).SelectMany(u => u.Roles).Order());
        Assert.All(seeds.Users, u => Assert.EndsWith($"@{u.Tenant}", u.Username));
        Assert.All(seeds.Users, u => Assert.Contains(u.Language, new[] { "en", "fr" }));
        Assert.Equal(seeds.Users.Count, seeds.Users.Select(u => u.Username).Distinct().Count());
        Assert.True(seeds.DemoPassword.Length >= 10, "the users API asks for at least 10 characters");
        Assert.Contains(seeds.DemoPassword, File.ReadAllText(Path.Combine(Seeds.Files.Folder, "README.md")));
    }

    [Fact]
    public void An_explicit_seeds_folder_that_does_not_exist_is_an_error_not_a_silent_fallback()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Web.Seeding.SeedFiles.Locate("/nonexistent/seeds"));
        Assert.Equal(Seeds.Files.Folder, Web.Seeding.SeedFiles.Locate(Seeds.Files.Folder).Folder);
    }
}
