using MutualAdmin.Domain.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.GettingMember;

/// <summary>A household as recorded, with its affiliations, folded from their streams.</summary>
public sealed record HouseholdFile(Household.Registered Household, long Version, IReadOnlyList<Affiliation> Affiliations);

public sealed class Households(EventStore.EventStore store, NpgsqlDataSource db)
{
    public async Task<HouseholdFile?> Find(string tenant, Guid householdId, CancellationToken ct)
    {
        var reader = store.ReaderFor(tenant);
        if (await reader.AggregateStream(EnrolmentStreams.Household(tenant, householdId), Household.Initial,
                (s, e) => e is IHouseholdEvent h ? Household.Evolve(s, h) : s, ct: ct) is not ({ } state, var version)
            || state is not Household.Registered household) return null;
        var affiliations = new List<Affiliation>();
        foreach (var id in await AffiliationIds(tenant, householdId, ct))
            if (await reader.AggregateStream(EnrolmentStreams.Affiliation(tenant, id), Affiliation.Initial,
                    (s, e) => e is IAffiliationEvent a ? Affiliation.Evolve(s, a) : s, ct: ct) is ({ } affiliation, _))
                affiliations.Add(affiliation);
        return new(household, version, affiliations);
    }

    private async Task<List<Guid>> AffiliationIds(string tenant, Guid household, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "select affiliation_id from household_affiliations where tenant_id = $1 and household_id = $2 order by affiliation_id");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = household });
        var ids = new List<Guid>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) ids.Add(rows.GetGuid(0));
        return ids;
    }
}
