using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Enrolment;

namespace MutualAdmin.Web.Claims.Paying;

/// <summary>
/// C-10: a prepared batch is paid with the bank's reference, and each of its claims becomes paid in
/// the same unit of work. Paying again with the same reference changes nothing.
/// </summary>
public static class PayBatch
{
    public sealed record Request(string? BankReference = null, DateOnly? PaidOn = null);

    public static async Task<Results<Ok<BatchView>, NotFound>> Handle(Guid id, Request request, Actor actor,
        EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.BankReference)) throw RequestValidationException.For("bankReference", "is required");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var paidOn = request.PaidOn ?? today;
        if (paidOn > today) throw RequestValidationException.For("paidOn", "a payment cannot be dated after today");

        return await ClaimStreams.Retrying<Results<Ok<BatchView>, NotFound>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("pay-payment-batch"));
            var batch = await session.FetchBatch(id, ct);
            if (batch.State is PaymentBatch.NotPrepared) return TypedResults.NotFound();
            var events = InputErrors.Decide(() => PaymentBatchDecider.Decide(new PayPaymentBatch(id, request.BankReference.Trim(), paidOn), batch.State));
            if (events.Count == 0) return TypedResults.Ok(BatchView.Of(batch.State)!);

            session.Append(batch, [.. events]);
            var claims = ((PaymentBatch.Prepared)batch.State).Claims;
            foreach (var (claim, stored) in claims.Zip(await session.FetchClaims(claims.Select(c => c.ClaimId), ct)))
            {
                var paid = ClaimDecider.Decide(new MarkClaimPaid(claim.ClaimId, id, request.BankReference.Trim(), paidOn), stored.State);
                if (paid.Count > 0) session.Append(stored, [.. paid]);
            }
            await session.SaveChanges(ct);
            return TypedResults.Ok(BatchView.Of(events.Aggregate(batch.State, PaymentBatch.Evolve))!);
        });
    }
}
