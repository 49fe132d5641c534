using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Claims.PaymentBatch;

namespace MutualAdmin.Domain.Claims;

public interface IPaymentBatchCommand;

/// <summary>A claim offered to a batch, as the claims register knows it.</summary>
public sealed record PayableClaim(Guid ClaimId, string ProviderId, ClaimOutcome Outcome, long Benefit, DateOnly DecidedOn, bool PaidOrBatched)
{
    public static PayableClaim From(Claim.Decided claim, bool batched = false) =>
        new(claim.Submission.ClaimId, claim.Submission.ProviderId, claim.Outcome, claim.Benefit, claim.DecidedOn, batched);
}

public sealed record PreparePaymentBatch(Guid BatchId, string ProviderId, string Period, IReadOnlyList<PayableClaim> Claims, DateOnly PreparedOn) : IPaymentBatchCommand;

public sealed record PayPaymentBatch(Guid BatchId, string BankReference, DateOnly PaidOn) : IPaymentBatchCommand;

public static class PaymentBatchDecider
{
    public static IReadOnlyList<IPaymentBatchEvent> Decide(IPaymentBatchCommand command, PaymentBatch state) => (command, state) switch
    {
        (PreparePaymentBatch c, NotPrepared) => [Prepare(c)],
        (PreparePaymentBatch, _) => [],
        (PayPaymentBatch c, Prepared) when !string.IsNullOrWhiteSpace(c.BankReference) => [new PaymentBatchPaid(c.BatchId, c.BankReference, c.PaidOn)],
        (PayPaymentBatch, Prepared) => throw new DomainError("C-10", "REQUIRED", "a payment carries the bank reference", "bankReference"),
        (PayPaymentBatch c, Paid p) when p.BankReference == c.BankReference => [],
        (PayPaymentBatch, Paid) => throw new DomainError("C-10", "ALREADY_PAID", "the batch is already paid"),
        _ => throw new DomainError("C-10", "BATCH_UNKNOWN", "no such payment batch"),
    };

    static PaymentBatchPrepared Prepare(PreparePaymentBatch c)
    {
        if (!Periods.IsValid(c.Period)) throw new DomainError("C-10", "PERIOD_INVALID", "expected yyyy-MM", "period");
        if (c.Claims.Count == 0) throw new DomainError("C-10", "BATCH_EMPTY", "a batch holds at least one claim", "claims");
        foreach (var claim in c.Claims)
        {
            if (claim.ProviderId != c.ProviderId) throw Refused("WRONG_PROVIDER", claim, "belongs to another provider");
            if (Periods.Of(claim.DecidedOn) != c.Period) throw Refused("WRONG_PERIOD", claim, "was decided in another month");
            if (claim.Outcome is not (ClaimOutcome.Approved or ClaimOutcome.PartiallyApproved) || claim.Benefit <= 0)
                throw Refused("NOT_PAYABLE", claim, "has no approved benefit");
            if (claim.PaidOrBatched) throw Refused("ALREADY_PAID", claim, "is already in a batch; a claim is paid once, ever");
        }
        if (c.Claims.DistinctBy(x => x.ClaimId).Count() != c.Claims.Count)
            throw new DomainError("C-10", "ALREADY_PAID", "a claim appears twice in the batch", "claims");
        var claims = c.Claims.Select(x => new BatchedClaim(x.ClaimId, x.Benefit)).ToList();
        return new(c.BatchId, c.ProviderId, c.Period, claims, claims.Sum(x => x.Benefit), c.PreparedOn);
    }

    static DomainError Refused(string code, PayableClaim claim, string why) =>
        new("C-10", code, $"claim {claim.ClaimId} {why}", "claims");
}
