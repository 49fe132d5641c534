using MutualAdmin.Domain.Claims;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>
/// Submits and adjudicates a claim in one unit of work (C-2). The units of one beneficiary are
/// serialised by a transaction-scoped advisory lock on the beneficiary number, taken before the
/// earlier claims are read and held until the claim and its register row commit: so the benefit
/// reserved by one claim is always seen by the next and the annual ceiling holds (C-5), and
/// duplicates and frequency limits are judged on every earlier claim (C-3). Other beneficiaries'
/// claims do not wait.
/// </summary>
public sealed class ClaimIntake(EventStore.EventStore store, ClaimFacts facts)
{
    public sealed record Submitted(ClaimView Claim, bool Created);

    public Task<Submitted> Submit(ClaimSubmission claim, EventMetadata metadata, CancellationToken ct) =>
        ClaimStreams.Retrying(async () =>
        {
            await using var session = store.OpenSession(metadata);
            var known = await facts.Before(session, claim, ct);
            var tx = await session.Transaction(ct);
            var locked = await BeneficiaryClaims.LockAndRead(tx, session.Tenant, claim, ct);
            if (locked.Exists)
            {
                // C-11: the same claim again is answered with its decision; another claim under the reference is refused.
                var stored = await session.FetchClaim(claim.ClaimId, ct);
                var submittedOn = ClaimView.Of(stored.State)?.SubmittedOn ?? claim.SubmittedOn;
                ClaimDecider.Decide(new Domain.Claims.SubmitClaim(claim with { SubmittedOn = submittedOn }, ClaimFacts.With(known, [])), stored.State);
                return new Submitted(ClaimView.Of(stored.State)!, false);
            }

            var events = ClaimDecider.Decide(new Domain.Claims.SubmitClaim(claim, ClaimFacts.With(known, locked.Earlier)), Claim.Initial);
            session.StartStream(ClaimStreams.Claim(session.Tenant, claim.ClaimId), "claim", [.. events]);
            await session.SaveChanges(ct);
            return new Submitted(ClaimView.Of(events.Aggregate(Claim.Initial, Claim.Evolve))!, true);
        });
}
