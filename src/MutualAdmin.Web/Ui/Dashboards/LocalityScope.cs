using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Reports;

namespace MutualAdmin.Web.Ui.Dashboards;

/// <summary>A locality as the dashboard filters by it: a region, a district of it, or a commune of that; null parts match any.</summary>
public sealed record LocalityFilter(string? Region, string? District, string? Commune)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Region is null && District is null && Commune is null;

    public bool Matches(Locality l) => (Region is null || Region == l.Region) && (District is null || District == l.District)
        && (Commune is null || Commune == l.Commune);
}

/// <summary>
/// The households of a locality as of a position, with their affiliations and beneficiaries' numbers,
/// read from the three events that say so: a household's locality is set when it registers and no
/// event moves it. Every locality of the mutual comes along, for the page to offer.
/// </summary>
public static class LocalityScope
{
    private static readonly string[] Types =
    [
        Household.Events[typeof(MemberRegistered)], Household.Events[typeof(DependantAdded)], Affiliation.Events[typeof(AffiliationRequested)],
    ];

    public static async Task<(ReportScope? Scope, IReadOnlyList<Locality> All)> Read(EventStore.EventStore store, string tenant, long position,
        LocalityFilter filter, CancellationToken ct)
    {
        var localities = new Dictionary<Guid, Locality>();
        var numbers = new List<(Guid Household, string Number)>();
        var affiliations = new List<(Guid Household, Guid Affiliation)>();
        // Localities and numbers are in clear: no person's sealed data is opened.
        await foreach (var e in store.ReaderFor(tenant).WithSealedPartsClosed().ReadTypesUpTo(position, Types, ct))
            switch (e.Data)
            {
                case MemberRegistered m:
                    localities[m.HouseholdId] = m.Locality;
                    numbers.Add((m.HouseholdId, m.BeneficiaryNumber));
                    break;
                case DependantAdded d: numbers.Add((d.HouseholdId, d.BeneficiaryNumber)); break;
                case AffiliationRequested r: affiliations.Add((r.HouseholdId, r.AffiliationId)); break;
            }

        var all = localities.Values.Distinct()
            .OrderBy(l => l.Region, StringComparer.Ordinal).ThenBy(l => l.District, StringComparer.Ordinal).ThenBy(l => l.Commune, StringComparer.Ordinal)
            .ToList();
        if (filter.IsEmpty) return (null, all);
        var households = localities.Where(l => filter.Matches(l.Value)).Select(l => l.Key).ToHashSet();
        return (new ReportScope(households,
            affiliations.Where(a => households.Contains(a.Household)).Select(a => a.Affiliation).ToHashSet(),
            numbers.Where(n => households.Contains(n.Household)).Select(n => n.Number).ToHashSet(StringComparer.Ordinal)), all);
    }
}
