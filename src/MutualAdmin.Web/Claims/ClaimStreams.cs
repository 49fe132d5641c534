using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Claims;

/// <summary>Stream names of the claim and payment-batch aggregates, and how their units are retried.</summary>
public static class ClaimStreams
{
    /// <summary>
    /// Derived from the provider's own reference (C-1: unique per provider), so a resubmission names the
    /// same stream and finds the claim already there (C-11), whichever client sends it.
    /// </summary>
    public static Guid ClaimId(string tenant, string provider, string reference) =>
        StableId.From("claim", tenant, provider, reference.Trim());

    public static StreamId Claim(string tenant, Guid id) => new(tenant, $"claim-{id}");
    public static StreamId Batch(string tenant, Guid id) => new(tenant, $"payment-batch-{id}");

    /// <summary>The claim folded for a command or a view, naming or skipping an impossible event (issue 22).</summary>
    public static Task<StreamState<Domain.Claims.Claim>> FetchClaim(this EventSession session, Guid id, CancellationToken ct) =>
        Audit.Disregarding.Disregards.FetchForWriting(session, Claim(session.Tenant, id), Domain.Claims.Claim.Initial,
            (s, e) => e is IClaimEvent c ? Domain.Claims.Claim.Evolve(s, c) : s, ct);

    /// <summary>Many claims in one round trip (a payment batch's), in the order asked.</summary>
    public static Task<IReadOnlyList<StreamState<Domain.Claims.Claim>>> FetchClaims(this EventSession session, IEnumerable<Guid> ids, CancellationToken ct) =>
        session.FetchManyForWriting([.. ids.Select(id => Claim(session.Tenant, id))], Domain.Claims.Claim.Initial,
            (s, e) => e is IClaimEvent c ? Domain.Claims.Claim.Evolve(s, c) : s, ct);

    public static Task<StreamState<PaymentBatch>> FetchBatch(this EventSession session, Guid id, CancellationToken ct) =>
        session.FetchForWriting(Batch(session.Tenant, id), PaymentBatch.Initial,
            (s, e) => e is IPaymentBatchEvent b ? PaymentBatch.Evolve(s, b) : s, ct: ct);

    /// <summary>Runs a unit again when a concurrent one won (a stale version, a claim taken by another batch).</summary>
    public static Task<T> Retrying<T>(Func<Task<T>> unit) => LostRaces.Retrying(unit, attempts: 10);
}
