using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Contributions.Calling;

/// <summary>
/// K-1 on the day it becomes a fact: a beneficiary added to a household whose affiliation already has an
/// open account owes a prorated due from that day, so the call is appended in the unit that adds them.
/// K-6 then counts the instalment from its due date in the eligibility index, the member view and the
/// reports (architecture decision 7), instead of once a payment or the arrears sweep records the call.
/// An account not opened yet calls everyone current when it opens, as before.
/// </summary>
public static class CallAddedBeneficiaries
{
    public static async Task Append(EventSession session, Household.Registered household, IEnumerable<Guid> affiliations,
        SchemeCatalogues catalogues, CancellationToken ct)
    {
        foreach (var id in affiliations)
        {
            if (await AccountFile.Load(session, id, catalogues, ct) is not { Stored.State: ContributionAccount.Open } file
                || file.Affiliation.State is not Affiliation.Activated { Ended: null }) continue;
            var (_, calls) = (file with { Household = household }).Current();
            if (calls.Count > 0)
                session.Append(file.Stored.Id, ExpectedVersion.Exactly(file.Stored.Version), [.. calls], "contribution-account");
        }
    }
}
