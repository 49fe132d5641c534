using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Claims.Paying;

/// <summary>
/// C-10: the month's batch of one provider, holding its approved claims decided in that month that
/// no batch holds yet. Two preparations at once never share a claim: the register's batch column is
/// taken row by row in the appending transaction (ClaimsRegister), and the loser is decided again on
/// what is left.
/// </summary>
public static class PrepareBatch
{
    public sealed record Request(string? ProviderId = null, string? Period = null);

    public static async Task<Created<BatchView>> Handle(Request request, Actor actor, EventStore.EventStore store,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ProviderId)) throw RequestValidationException.For("providerId", "is required");
        if (request.Period is null || !Periods.IsValid(request.Period)) throw RequestValidationException.For("period", "expected yyyy-MM");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        return await ClaimStreams.Retrying(async () =>
        {
            var payable = await Payable(db, actor.Tenant, request.ProviderId.Trim(), request.Period, ct);
            var batchId = Guid.NewGuid();
            var events = PaymentBatchDecider.Decide(new PreparePaymentBatch(batchId, request.ProviderId.Trim(), request.Period, payable, today),
                PaymentBatch.Initial);
            await using var session = store.OpenSession(actor.Metadata("prepare-payment-batch"));
            session.StartStream(ClaimStreams.Batch(actor.Tenant, batchId), "payment-batch", [.. events]);
            await session.SaveChanges(ct);
            return TypedResults.Created($"/api/payment-batches/{batchId}", BatchView.Of(events.Aggregate(PaymentBatch.Initial, PaymentBatch.Evolve))!);
        });
    }

    private static async Task<IReadOnlyList<PayableClaim>> Payable(NpgsqlDataSource db, string tenant, string provider, string period, CancellationToken ct)
    {
        var first = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var command = db.CreateCommand("""
            select claim_id, outcome, benefit, decided_on from claims_register
             where tenant_id = $1 and provider_id = $2 and status in ('approved', 'partially-approved') and batch_id is null
               and benefit > 0 and decided_on between $3 and $4
             order by decided_on, claim_id
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = provider });
        command.Parameters.Add(new() { Value = first });
        command.Parameters.Add(new() { Value = first.AddMonths(1).AddDays(-1) });
        var claims = new List<PayableClaim>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            claims.Add(new(r.GetGuid(0), provider, r.GetString(1) == "approved" ? ClaimOutcome.Approved : ClaimOutcome.PartiallyApproved,
                r.GetInt64(2), r.GetFieldValue<DateOnly>(3), PaidOrBatched: false));
        return claims;
    }
}
