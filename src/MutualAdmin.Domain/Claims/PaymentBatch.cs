namespace MutualAdmin.Domain.Claims;

// C-10: the approved claims of one provider and month, paid together.

public interface IPaymentBatchEvent;

public sealed record BatchedClaim(Guid ClaimId, long Benefit);

public sealed record PaymentBatchPrepared(Guid BatchId, string ProviderId, string Period, IReadOnlyList<BatchedClaim> Claims, long Total, DateOnly PreparedOn) : IPaymentBatchEvent;

public sealed record PaymentBatchPaid(Guid BatchId, string BankReference, DateOnly PaidOn) : IPaymentBatchEvent;

public abstract record PaymentBatch
{
    public sealed record NotPrepared : PaymentBatch;
    public sealed record Prepared(Guid BatchId, string ProviderId, string Period, IReadOnlyList<BatchedClaim> Claims, long Total) : PaymentBatch;
    public sealed record Paid(Guid BatchId, string ProviderId, string Period, IReadOnlyList<BatchedClaim> Claims, long Total, string BankReference, DateOnly PaidOn) : PaymentBatch;

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(PaymentBatchPrepared)] = "payment-batch-prepared",
        [typeof(PaymentBatchPaid)] = "payment-batch-paid",
    };

    public static PaymentBatch Initial => new NotPrepared();

    public static PaymentBatch Evolve(PaymentBatch state, IPaymentBatchEvent @event) => (state, @event) switch
    {
        (NotPrepared, PaymentBatchPrepared e) => new Prepared(e.BatchId, e.ProviderId, e.Period, e.Claims, e.Total),
        (Prepared p, PaymentBatchPaid e) => new Paid(p.BatchId, p.ProviderId, p.Period, p.Claims, p.Total, e.BankReference, e.PaidOn),
        _ => state,
    };
}
