using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain;

/// <summary>
/// Every domain event type with its stable alias, for the event store's type registry. Aliases are
/// part of the stored data: never rename one; add an upcaster and a new type instead.
/// </summary>
public static class EventTypes
{
    public static readonly IReadOnlyDictionary<Type, string> All =
        new[] { Scheme.Events, Household.Events, Affiliation.Events, ContributionAccount.Events, Remittance.Events, Claim.Events, PaymentBatch.Events }
            .SelectMany(d => d).ToDictionary(kv => kv.Key, kv => kv.Value);
}
