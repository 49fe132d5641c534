using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Claims;
using MutualAdmin.Web.Contributions;
using MutualAdmin.Web.Enrolment;

namespace MutualAdmin.Web.Audit;

/// <summary>A kind of record an auditor can follow: its stream, and how its state folds from its events.</summary>
public sealed record AuditedRecord(string Kind, Func<string, Guid, StreamId> Stream, object Initial, Func<object, object, object> Evolve);

public static class AuditedRecords
{
    public static readonly IReadOnlyDictionary<string, AuditedRecord> ByKind = new AuditedRecord[]
    {
        new("members", EnrolmentStreams.Household, Household.Initial,
            (s, e) => e is IHouseholdEvent h ? Household.Evolve((Household)s, h) : s),
        new("affiliations", EnrolmentStreams.Affiliation, Affiliation.Initial,
            (s, e) => e is IAffiliationEvent a ? Affiliation.Evolve((Affiliation)s, a) : s),
        new("contribution-accounts", ContributionStreams.Account, ContributionAccount.Initial,
            (s, e) => e is IContributionEvent c ? ContributionAccount.Evolve((ContributionAccount)s, c) : s),
        new("remittances", ContributionStreams.Remittance, Remittance.Initial,
            (s, e) => e is IRemittanceEvent r ? Remittance.Evolve((Remittance)s, r) : s),
        new("claims", ClaimStreams.Claim, Claim.Initial,
            (s, e) => e is IClaimEvent c ? Claim.Evolve((Claim)s, c) : s),
        new("payment-batches", ClaimStreams.Batch, PaymentBatch.Initial,
            (s, e) => e is IPaymentBatchEvent b ? PaymentBatch.Evolve((PaymentBatch)s, b) : s),
    }.ToDictionary(r => r.Kind);
}
