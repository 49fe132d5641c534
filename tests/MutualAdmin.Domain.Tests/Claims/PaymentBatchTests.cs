using MutualAdmin.Domain.Claims;
using static MutualAdmin.Domain.Tests.Claims.Claims;

namespace MutualAdmin.Domain.Tests.Claims;

public class PaymentBatchTests
{
    static readonly Spec<PaymentBatch, IPaymentBatchCommand, IPaymentBatchEvent> Spec =
        new(PaymentBatch.Initial, PaymentBatch.Evolve, PaymentBatchDecider.Decide);

    static readonly Guid BatchId = Guid.Parse("ba000000-0000-4000-8000-000000000001");
    static readonly Guid Other = Guid.Parse("e0000000-0000-4000-8000-000000000002");
    static readonly PayableClaim First = new(ClaimId, HealthCentre, ClaimOutcome.Approved, 1600, new(2026, 6, 12), false);
    static readonly PayableClaim Second = new(Other, HealthCentre, ClaimOutcome.PartiallyApproved, 2400, new(2026, 6, 30), false);
    static readonly PaymentBatchPrepared Prepared = new(BatchId, HealthCentre, "2026-06", [new(ClaimId, 1600), new(Other, 2400)], 4000, new(2026, 7, 1));

    [Fact]
    public void C_10_a_batch_groups_the_approved_claims_of_one_provider_and_month() =>
        Spec.Given().When(new PreparePaymentBatch(BatchId, HealthCentre, "2026-06", [First, Second], new(2026, 7, 1))).Then(Prepared);

    [Fact]
    public void C_10_a_claim_of_another_provider_is_refused() =>
        Spec.Given().When(new PreparePaymentBatch(BatchId, Hospital, "2026-06", [First], new(2026, 7, 1))).ThenFails("C-10", "WRONG_PROVIDER");

    [Fact]
    public void C_10_a_claim_already_batched_is_refused() =>
        Spec.Given().When(new PreparePaymentBatch(BatchId, HealthCentre, "2026-06", [First with { PaidOrBatched = true }], new(2026, 7, 1)))
            .ThenFails("C-10", "ALREADY_PAID");

    [Fact]
    public void C_10_a_rejected_claim_is_not_batched() =>
        Spec.Given().When(new PreparePaymentBatch(BatchId, HealthCentre, "2026-06", [First with { Outcome = ClaimOutcome.Rejected, Benefit = 0 }], new(2026, 7, 1)))
            .ThenFails("C-10", "NOT_PAYABLE");

    [Fact]
    public void C_10_a_batch_is_paid_with_its_bank_reference_once() =>
        Spec.Given(Prepared, new PaymentBatchPaid(BatchId, "BNK-778", new(2026, 7, 3)))
            .When(new PayPaymentBatch(BatchId, "BNK-779", new(2026, 7, 4))).ThenFails("C-10", "ALREADY_PAID");

    [Fact]
    public void C_10_a_prepared_batch_is_paid() =>
        Spec.Given(Prepared).When(new PayPaymentBatch(BatchId, "BNK-778", new(2026, 7, 3))).Then(new PaymentBatchPaid(BatchId, "BNK-778", new(2026, 7, 3)));
}
