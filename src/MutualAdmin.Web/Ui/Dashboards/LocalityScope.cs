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
/// from the three events that say so: a household's locality is set when it registers and no event
/// moves it. Every locality of the mutual comes along, for the page to offer. They are gathered by
/// the register's kept fold (<see cref="Seen"/>), which reads these events anyway.
/// </summary>
public static class LocalityScope
{
    /// <summary>What the three events said, in their order; localities and numbers are in clear (no sealed data opened).</summary>
    public sealed class Seen
    {
        private readonly Dictionary<Guid, Locality> localities = [];
        private readonly List<(Guid Household, string Number)> numbers = [];
        private readonly List<(Guid Household, Guid Affiliation)> affiliations = [];

        public void Apply(object e)
        {
            switch (e)
            {
                case MemberRegistered m:
                    localities[m.HouseholdId] = m.Locality;
                    numbers.Add((m.HouseholdId, m.BeneficiaryNumber));
                    break;
                case DependantAdded d: numbers.Add((d.HouseholdId, d.BeneficiaryNumber)); break;
                case AffiliationRequested r: affiliations.Add((r.HouseholdId, r.AffiliationId)); break;
            }
        }

        public (ReportScope? Scope, IReadOnlyList<Locality> All) For(LocalityFilter filter)
        {
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
}
