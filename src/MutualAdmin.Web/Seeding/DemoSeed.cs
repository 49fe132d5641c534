using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reference;

namespace MutualAdmin.Web.Seeding;

/// <summary>What seeding created that a person needs to know to start using the demo.</summary>
public sealed record DemoSeedReport(bool Seeded, IReadOnlyList<string> Usernames, string Password, string? FundClientId, string? FundClientSecret);

/// <summary>
/// Seeds the demo from seeds/: the mutuals, one user per role per mutual, the platform administrator
/// (root.admin@platform), providers, collectors, the ICD-10 list, and a Fund API client that the
/// platform administrator finds in GET /api/admin/api-clients (and rotates for a new secret). Idempotent: what exists is left as it is, so it can run at every start.
/// </summary>
public sealed class DemoSeed(SeedFiles files, Tenants tenants, StaffUsers users, ApiClients clients, ReferenceData reference,
    IEnumerable<IDemoSeedStep> steps, ILogger<DemoSeed> logger)
{
    public async Task<DemoSeedReport> Run(CancellationToken ct)
    {
        var seededNow = false;
        foreach (var mutual in files.Tenants().Mutuals)
            seededNow |= await tenants.Create(new Tenant(mutual.Id, mutual.Name), ct);
        await tenants.EnsurePlatform(ct);

        var userSeeds = files.Users();
        foreach (var u in userSeeds.Users)
            await users.Create(u.Tenant, u.Username, u.DisplayName, userSeeds.DemoPassword, u.Roles, u.Language, ct);
        foreach (var provider in files.Providers()) await reference.SaveProvider(provider, ct);
        foreach (var collector in files.Collectors()) await reference.SaveCollector(collector, ct);
        await reference.SaveIcd10(files.Icd10(), ct);
        foreach (var step in steps) await step.Run(files, ct);

        // The Fund's demo client is created with the tenants, once: its secret can only be shown now.
        (ApiClient Client, string Secret)? fund = seededNow ? await clients.Create(Roles.Fund, files.Tenants().Fund.Name, null, null, ct) : null;
        logger.LogInformation("Demo data is in place ({Mutuals} mutuals, {Users} users)", files.Tenants().Mutuals.Count, userSeeds.Users.Count);
        return new DemoSeedReport(seededNow, [.. userSeeds.Users.Select(u => u.Username)], userSeeds.DemoPassword, fund?.Client.Id, fund?.Secret);
    }
}

/// <summary>A feature's own part of the demo (a scheme to publish, households to enrol), run after the reference data.</summary>
public interface IDemoSeedStep
{
    Task Run(SeedFiles files, CancellationToken ct);
}
