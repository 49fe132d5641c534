using MutualAdmin.Domain.Claims;
using MutualAdmin.EventStore.Events;
using Npgsql;

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
    // The two-key advisory lock space, with a class of its own so it meets no other lock of the platform.
    private const int BeneficiaryLockClass = 0x434C; // "CL"

    public sealed record Submitted(ClaimView Claim, bool Created);

    public Task<Submitted> Submit(ClaimSubmission claim, EventMetadata metadata, CancellationToken ct) =>
        ClaimStreams.Retrying(async () =>
        {
            await using var session = store.OpenSession(metadata);
            var tx = await session.Transaction(ct);
            await using (var lockBeneficiary = new NpgsqlCommand("select pg_advisory_xact_lock($1, hashtext($2))", tx.Connection, tx))
            {
                lockBeneficiary.Parameters.Add(new() { Value = BeneficiaryLockClass });
                lockBeneficiary.Parameters.Add(new() { Value = claim.BeneficiaryNumber });
                await lockBeneficiary.ExecuteNonQueryAsync(ct);
            }

            var stored = await session.FetchClaim(claim.ClaimId, ct);
            if (stored.State is not Claim.NotSubmitted)
            {
                // C-11: the same claim again is answered with its decision; another claim under the reference is refused.
                var submittedOn = ClaimView.Of(stored.State)?.SubmittedOn ?? claim.SubmittedOn;
                ClaimDecider.Decide(new Domain.Claims.SubmitClaim(claim with { SubmittedOn = submittedOn }, null!), stored.State);
                return new Submitted(ClaimView.Of(stored.State)!, false);
            }

            var events = ClaimDecider.Decide(new Domain.Claims.SubmitClaim(claim, await facts.For(session, tx, claim, ct)), stored.State);
            session.StartStream(ClaimStreams.Claim(session.Tenant, claim.ClaimId), "claim", [.. events]);
            await session.SaveChanges(ct);
            return new Submitted(ClaimView.Of(events.Aggregate(stored.State, Claim.Evolve))!, true);
        });
}
