using MutualAdmin.Domain.Claims;

namespace MutualAdmin.Web.Claims.Paying;

public sealed record BatchView(Guid BatchId, string ProviderId, string Period, string Status, long Total,
    IReadOnlyList<BatchedClaim> Claims, string? BankReference, DateOnly? PaidOn)
{
    public static BatchView? Of(PaymentBatch state) => state switch
    {
        PaymentBatch.Prepared p => new(p.BatchId, p.ProviderId, p.Period, "prepared", p.Total, p.Claims, null, null),
        PaymentBatch.Paid p => new(p.BatchId, p.ProviderId, p.Period, "paid", p.Total, p.Claims, p.BankReference, p.PaidOn),
        _ => null,
    };
}
