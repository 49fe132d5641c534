using System.Text.Json;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Claims;

/// <summary>
/// The inline read model of claims (architecture.md decision 5), written in the claim's own unit:
/// adjudication reads a beneficiary's earlier claims and the benefit reserved against the ceiling
/// from it (C-3, C-5), the work queues and payment batches are read from it (C-8 … C-10).
/// </summary>
public sealed class ClaimsRegister : IInlineProjection
{
    public bool Concerns(IReadOnlyList<PendingEvent> events) =>
        events.Any(e => e.Data is IClaimEvent or IPaymentBatchEvent || DisregardedClaim(e.Data) is not null);

    /// <summary>The claim a disregarded event (issue 22) belonged to, if it was a claim's.</summary>
    private static Guid? DisregardedClaim(object data) =>
        data is Audit.Disregarding.EventDisregarded d && d.StreamKey.StartsWith("claim-", StringComparison.Ordinal)
            && Guid.TryParse(d.StreamKey["claim-".Length..], out var id) ? id : null;

    public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Data is PaymentBatchPrepared prepared)
                await Take(tenant, prepared, connection, transaction, ct);
            // A submission and its adjudication arrive together: one row written whole, not written and then updated.
            if (events[i].Data is ClaimSubmitted submitted && i + 1 < events.Count && events[i + 1].Data is ClaimAdjudicated adjudicated)
            {
                batch.BatchCommands.Add(Register(tenant, submitted.Claim, adjudicated));
                i++;
                continue;
            }
            foreach (var command in Commands(tenant, events[i].Data))
                batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// C-10, paid once ever: a batch takes only claims no batch holds. Row locks order two concurrent
    /// preparations; the later one finds a claim taken, fails, and is decided again on what is left.
    /// </summary>
    private static async Task Take(string tenant, PaymentBatchPrepared p, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var take = new NpgsqlCommand("""
            update claims_register set batch_id = $2
             where tenant_id = $1 and claim_id = any($3) and batch_id is null and status in ('approved', 'partially-approved')
            """, connection, transaction);
        take.Parameters.Add(new() { Value = tenant });
        take.Parameters.Add(new() { Value = p.BatchId });
        take.Parameters.Add(new() { Value = p.Claims.Select(c => c.ClaimId).ToArray() });
        var taken = await take.ExecuteNonQueryAsync(ct);
        if (taken != p.Claims.Count)
            throw new ConcurrencyException($"{p.Claims.Count - taken} claim(s) of batch {p.BatchId} were taken by another batch");
    }

    private static NpgsqlBatchCommand Register(string tenant, ClaimSubmission c, ClaimAdjudicated a)
    {
        var pending = a.Outcome == ClaimOutcome.PendingReview;
        return Command("""
            insert into claims_register (tenant_id, claim_id, provider_id, provider_claim_reference, beneficiary_number,
                service_date, cover_date, submitted_on, visit_type, lines, decisions, status, outcome, rejection_code, claimed, benefit, decided_on)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """, tenant, c.ClaimId, c.ProviderId, c.ProviderClaimReference, c.BeneficiaryNumber, c.ServiceDate, c.CoverDate,
            c.SubmittedOn, c.VisitType, Json(c.Lines), Json(a.Lines), WireNames.Of(a.Outcome), pending ? null : WireNames.Of(a.Outcome),
            a.RejectionCode, c.Claimed, a.Benefit, pending ? null : a.AdjudicatedOn);
    }

    private static IEnumerable<NpgsqlBatchCommand> Commands(string tenant, object data)
    {
        switch (data)
        {
            case ClaimSubmitted s:
                var c = s.Claim;
                yield return Command("""
                    insert into claims_register (tenant_id, claim_id, provider_id, provider_claim_reference, beneficiary_number,
                        service_date, cover_date, submitted_on, visit_type, lines, decisions, status, claimed, benefit)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '[]', 'submitted', $11, 0)
                    """, tenant, c.ClaimId, c.ProviderId, c.ProviderClaimReference, c.BeneficiaryNumber, c.ServiceDate, c.CoverDate,
                    c.SubmittedOn, c.VisitType, Json(c.Lines), c.Claimed);
                break;
            case ClaimAdjudicated a:
                var pending = a.Outcome == ClaimOutcome.PendingReview;
                yield return Command("""
                    update claims_register set status = $3, outcome = $4, rejection_code = $5, decisions = $6, benefit = $7, decided_on = $8
                     where tenant_id = $1 and claim_id = $2
                    """, tenant, a.ClaimId, WireNames.Of(a.Outcome), pending ? null : WireNames.Of(a.Outcome), a.RejectionCode,
                    Json(a.Lines), a.Benefit, pending ? null : a.AdjudicatedOn);
                break;
            case ClaimReviewed r:
                var outcome = WireNames.Of(r.Outcome);
                yield return Command("""
                    update claims_register set status = $3, outcome = $4, rejection_code = $5, decisions = $6, benefit = $7,
                        reviewer_id = $8, decided_on = $9
                     where tenant_id = $1 and claim_id = $2
                    """, tenant, r.ClaimId, r.NeedsSecondApproval ? ClaimStatus.AwaitingSecondApproval : outcome, outcome,
                    r.RejectionCode, Json(r.Lines), r.Benefit, r.ReviewerId,
                    r.NeedsSecondApproval ? null : DateOnly.FromDateTime(r.ReviewedAt.UtcDateTime));
                break;
            case ClaimSecondApproved s:
                yield return Command("update claims_register set status = outcome, decided_on = $3 where tenant_id = $1 and claim_id = $2",
                    tenant, s.ClaimId, DateOnly.FromDateTime(s.ApprovedAt.UtcDateTime));
                break;
            case ClaimPaid p:
                yield return Command("update claims_register set status = 'paid' where tenant_id = $1 and claim_id = $2", tenant, p.ClaimId);
                break;
            case PaymentBatchPrepared b:
                yield return Command("insert into payment_batches values ($1, $2, $3, $4, $5, $6, $7, null, null)",
                    tenant, b.BatchId, b.ProviderId, b.Period, b.Claims.Count, b.Total, b.PreparedOn);
                break;
            case PaymentBatchPaid p:
                yield return Command("update payment_batches set bank_reference = $3, paid_on = $4 where tenant_id = $1 and batch_id = $2",
                    tenant, p.BatchId, p.BankReference, p.PaidOn);
                break;
            // Issue 22: a claim whose submission is disregarded was never received, as its fold now says; a
            // disregarded decision reserves nothing against the ceiling (C-5), so no sum meets its amount.
            case Audit.Disregarding.EventDisregarded d when DisregardedClaim(d) is { } claim:
                yield return d.EventType == Claim.Events[typeof(ClaimSubmitted)]
                    ? Command("delete from claims_register where tenant_id = $1 and claim_id = $2", tenant, claim)
                    : Command("update claims_register set benefit = 0 where tenant_id = $1 and claim_id = $2", tenant, claim);
                break;
        }
    }

    private static NpgsqlParameter Json<T>(T value) => new()
    {
        Value = JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)ClaimJson.Default.GetTypeInfo(typeof(T))!),
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
            command.Parameters.Add(v as NpgsqlParameter ?? (v is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = v }));
        return command;
    }
}

/// <summary>A claim's place in the work (claims_register.status), in the wire spelling of outcomes.</summary>
public static class ClaimStatus
{
    public const string PendingReview = "pending-review", AwaitingSecondApproval = "awaiting-second-approval",
        Approved = "approved", PartiallyApproved = "partially-approved", Rejected = "rejected", Paid = "paid";
}
