using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Contributions.Reversing;

/// <summary>
/// K-5: a bounced transfer or an entry error is reversed with its reason; what the payment paid is
/// re-opened, and the affiliation is suspended from the reversal date if that leaves arrears past
/// the grace period (K-6). The receipt number stays used.
/// </summary>
public static class ReversePayment
{
    public sealed record Request(string Receipt, string Reason, DateOnly? ReversedOn = null);
    public sealed record Reversed(string Receipt, Guid AccountId, long Amount, DateOnly ReversedOn, IReadOnlyList<Allocation> Reopened, string AffiliationStatus);

    public static async Task<Results<Ok<Reversed>, NotFound>> Handle(Request request, Actor actor, EventStore.EventStore store,
        SchemeCatalogues catalogues, Receipts receipts, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = request.ReversedOn ?? today;
        if (on > today) throw RequestValidationException.For("reversedOn", "K-5 REVERSED_IN_FUTURE: a reversal cannot be dated after today");
        // Its length and characters are checked with every text of the request (Input/TextLimits).
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RequestValidationException.For("reason", "K-5 REASON_REQUIRED: a reversal states its reason");
        if (await receipts.AccountOf(actor.Tenant, request.Receipt.Trim(), ct) is not { } accountId) return TypedResults.NotFound();

        return await ContributionStreams.Retrying<Results<Ok<Reversed>, NotFound>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("reverse-payment", request.Reason));
            var opened = (await session.FetchAccount(accountId, ct)).State as ContributionAccount.Open;
            if (opened is null || await AccountFile.Load(session, opened.AffiliationId, catalogues, ct) is not { } file) return TypedResults.NotFound();
            var payment = opened.Find(request.Receipt.Trim())!;
            var change = AccountChange.Decide(file, new Domain.Contributions.ReversePayment(accountId, payment.Receipt, request.Reason, on), on);
            change.AppendTo(session);
            if (!change.IsNothing) await session.SaveChanges(ct);
            var reversed = change.Account.Find(payment.Receipt)!;
            var status = change.AffiliationEvents.Aggregate(file.Affiliation.State, Domain.Enrolment.Affiliation.Evolve).Status;
            return TypedResults.Ok(new Reversed(payment.Receipt, accountId, payment.Amount, reversed.ReversedOn ?? on, payment.Allocations,
                status?.ToString().ToLowerInvariant() ?? "unknown"));
        });
    }
}
