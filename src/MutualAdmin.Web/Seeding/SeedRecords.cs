using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Seeding;

// The shapes of the files under seeds/ (camelCase JSON). Wire strings are the domain's vocabularies.

public sealed record TenantSeeds(FundSeed Fund, IReadOnlyList<MutualSeed> Mutuals);

public sealed record FundSeed(string Name);

/// <summary>A mutual is a tenant; <see cref="Id"/> is its slug.</summary>
public sealed record MutualSeed(string Id, string Name, string Region);

public sealed record ProviderSeed(string Id, string Name, string Level, string Tenant, Locality Locality, string ContractReference);

/// <summary>A cooperative, employer or micro-finance institution and its group agreement (E-5, K-3).</summary>
public sealed record CollectorSeed(string Id, string Tenant, string Name, string Kind, GroupAgreementSeed Agreement);

public sealed record GroupAgreementSeed(string Reference, DateOnly SignedOn, string PaymentPlan, IReadOnlyList<SeasonalDueDay>? SeasonalShares)
{
    /// <summary>
    /// K-3: an agreement names days of the year ("15 January, after the harvest is sold"); a coverage
    /// year needs dates, so each day falls on its first occurrence on or after the year's start.
    /// </summary>
    public IReadOnlyList<SeasonalShare> SeasonalSharesFor(DateOnly coverageYearStart) =>
        [.. (SeasonalShares ?? []).Select(s => new SeasonalShare(s.FirstOnOrAfter(coverageYearStart), s.Percent))];
}

public sealed record SeasonalDueDay(int Month, int Day, int Percent)
{
    public DateOnly FirstOnOrAfter(DateOnly start)
    {
        var sameYear = new DateOnly(start.Year, Month, Day);
        return sameYear >= start ? sameYear : sameYear.AddYears(1);
    }
}

/// <summary>Demo staff; <see cref="DemoPassword"/> is for local machines only (seeds/README.md).</summary>
public sealed record UserSeeds(string DemoPassword, IReadOnlyList<UserSeed> Users);

public sealed record UserSeed(string Tenant, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language);

public sealed record LocalitySeeds(IReadOnlyList<RegionSeed> Regions)
{
    /// <summary>Every commune as the three names a member's locality carries (E-1).</summary>
    public IReadOnlyList<Locality> Communes() =>
        [.. Regions.SelectMany(r => r.Districts.SelectMany(d => d.Communes.Select(c => new Locality(r.Name, d.Name, c.Name))))];
}

public sealed record RegionSeed(string Code, string Name, IReadOnlyList<DistrictSeed> Districts);

public sealed record DistrictSeed(string Code, string Name, IReadOnlyList<CommuneSeed> Communes);

public sealed record CommuneSeed(string Code, string Name);

public sealed record Icd10Code(string Code, string Description);
