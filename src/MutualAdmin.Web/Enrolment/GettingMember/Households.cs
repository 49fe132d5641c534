using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Contributions;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.GettingMember;

/// <summary>A household as recorded, with its affiliations and their contribution accounts, folded from their streams.</summary>
/// <param name="Accounts">By affiliation id; an affiliation nobody has paid on has none (K-6 reads its arrears).</param>
public sealed record HouseholdFile(Household.Registered Household, long Version, IReadOnlyList<Affiliation> Affiliations,
    IReadOnlyDictionary<Guid, ContributionAccount> Accounts)
{
    /// <summary>Each affiliation with the suspensions its account's arrears give (K-6), for <see cref="Cover.On(DateOnly, HouseholdPerson, Affiliation, IEnumerable{DateRange}?)"/>.</summary>
    public IEnumerable<(Affiliation Affiliation, IReadOnlyList<DateRange> Arrears)> WithArrears =>
        Affiliations.Select(a => (a, Cover.ArrearsOf(a, a is Affiliation.Activated x ? Accounts.GetValueOrDefault(x.Terms.AffiliationId) : null)));
}

public sealed class Households(EventStore.EventStore store, NpgsqlDataSource db)
{
    public async Task<HouseholdFile?> Find(string tenant, Guid householdId, CancellationToken ct)
    {
        var reader = store.ReaderFor(tenant);
        if (await reader.AggregateStream(EnrolmentStreams.Household(tenant, householdId), Household.Initial,
                (s, e) => e is IHouseholdEvent h ? Household.Evolve(s, h) : s, ct: ct) is not ({ } state, var version)
            || state is not Household.Registered household) return null;
        var affiliations = new List<Affiliation>();
        var accounts = new Dictionary<Guid, ContributionAccount>();
        foreach (var id in await AffiliationIds(tenant, householdId, ct))
        {
            if (await reader.AggregateStream(EnrolmentStreams.Affiliation(tenant, id), Affiliation.Initial,
                    (s, e) => e is IAffiliationEvent a ? Affiliation.Evolve(s, a) : s, ct: ct) is not ({ } affiliation, _)) continue;
            affiliations.Add(affiliation);
            if (affiliation is Affiliation.Activated
                && await reader.AggregateStream(ContributionStreams.Account(tenant, ContributionStreams.AccountId(tenant, id)),
                    ContributionAccount.Initial, ContributionStreams.EvolveAccount, ct: ct) is ({ } account, _))
                accounts[id] = account;
        }
        return new(household, version, affiliations, accounts);
    }

    public async Task<List<Guid>> AffiliationIds(string tenant, Guid household, CancellationToken ct)
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
