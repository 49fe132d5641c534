using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Contributions.Paying;

/// <summary>K-4: a cashier records a member's payment against an affiliation's account.</summary>
public static class RecordPayment
{
    public sealed record Request(string Receipt, long Amount, string Method, DateOnly? PaidOn = null, string? Payer = null);

    public sealed record Paid(string Receipt, Guid AccountId, long Amount, DateOnly PaidOn,
        IReadOnlyList<Domain.Contributions.Allocation> Allocations, long Credit, string AffiliationStatus);

    public static async Task<Results<Created<Paid>, Ok<Paid>, NotFound>> Handle(Guid id, Request request, Actor actor,
        EventStore.EventStore store, SchemeCatalogues catalogues, Receipts receipts, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var paidOn = request.PaidOn ?? today;
        PaymentInput.Check(request.Receipt, request.Amount, request.Method, paidOn, today);
        var receipt = request.Receipt.Trim();

        return await ContributionStreams.Retrying<Results<Created<Paid>, Ok<Paid>, NotFound>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("record-payment"));
            if (await AccountFile.Load(session, id, catalogues, ct) is not { } file) return TypedResults.NotFound();
            var used = await receipts.UsedElsewhere(actor.Tenant, receipt, file.AccountId, ct);
            var change = AccountChange.Decide(file, new Domain.Contributions.RecordPayment(file.AccountId, receipt, request.Amount, paidOn,
                request.Method, request.Payer ?? "member", used), paidOn);
            change.AppendTo(session);
            var paid = Result(change, receipt);
            if (!change.AccountEvents.OfType<Domain.Contributions.ContributionPaid>().Any()) return TypedResults.Ok(paid);
            await session.SaveChanges(ct);
            return TypedResults.Created($"/api/affiliations/{id}/account", paid);
        });
    }

    private static Paid Result(AccountChange change, string receipt)
    {
        var payment = change.Account.Find(receipt)!;
        var status = change.AffiliationEvents.Aggregate(change.File.Affiliation.State, Domain.Enrolment.Affiliation.Evolve).Status;
        return new(receipt, change.File.AccountId, payment.Amount, payment.PaidOn, payment.Allocations, payment.Credit,
            status?.ToString().ToLowerInvariant() ?? "unknown");
    }
}
