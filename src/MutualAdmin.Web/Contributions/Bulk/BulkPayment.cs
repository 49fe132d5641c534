using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Contributions.Bulk;

/// <summary>
/// K-4 for collectors: one transfer (its reference and amount in the query) allocated across members
/// of a group agreement by a CSV body. All or nothing: every row is checked first, the allocations
/// must add up to the transfer, and all the members' payments are appended in one unit. Each
/// member's payment gets the receipt "{reference}/{beneficiary number}", so a re-upload of the same
/// file is already done and a different file under the same reference is refused (K-4).
/// </summary>
public static class BulkPayment
{
    public const long MaxFileBytes = 1024 * 1024;
    public sealed record MemberPaid(int Row, string BeneficiaryNumber, Guid AffiliationId, string Receipt, long Amount, long Credit, string AffiliationStatus);
    public sealed record Transfer(Guid GroupAgreementId, string Reference, long Amount, DateOnly PaidOn, bool AlreadyRecorded, IReadOnlyList<MemberPaid> Members);

    public static async Task<Results<Created<Transfer>, Ok<Transfer>>> Handle(Guid agreementId, string reference, long amount, DateOnly? paidOn,
        HttpRequest request, Actor actor, EventStore.EventStore store, SchemeCatalogues catalogues, GroupMembers members, TimeProvider clock,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = paidOn ?? today;
        reference = reference.Trim();
        // The longest member receipt ("{reference}/{number}") must still be a valid receipt number.
        // A transfer is the sum of its members' payments: a total, each row checked as one payment below.
        PaymentInput.Check(reference.Length <= 40 ? reference : null, amount, PaymentMethod.CollectorTransfer, on, today, maxAmount: Amounts.MaxTotal);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var (rows, errors) = AllocationFile.Read(new StringReader(await reader.ReadToEndAsync(ct)));
        if (errors.Count == 0 && rows.Sum(r => r.Amount) != amount)
            errors["amount"] = [$"K-4 TRANSFER_MISMATCH: the rows add up to {rows.Sum(r => r.Amount)}, the transfer is {amount}"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        return await ContributionStreams.Retrying<Results<Created<Transfer>, Ok<Transfer>>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("record-bulk-payment"));
            var found = await members.Find(session, agreementId, rows, ct);
            var changes = new List<(AllocationRow Row, AccountChange Change, string Receipt)>();
            foreach (var row in rows)
            {
                var file = await AccountFile.Load(session, found[row.Row], catalogues, ct)
                    ?? throw RequestValidationException.For($"rows[{row.Row}].beneficiary_number", "E-5 AFFILIATION_UNKNOWN");
                var receipt = $"{reference}/{row.BeneficiaryNumber}";
                var change = InRow(row, () => AccountChange.Decide(file, new RecordPayment(file.AccountId, receipt, row.Amount, on,
                    PaymentMethod.CollectorTransfer, $"group-agreement:{agreementId}"), on));
                change.AppendTo(session);
                changes.Add((row, change, receipt));
            }
            var recorded = changes.Any(c => c.Change.AccountEvents.OfType<ContributionPaid>().Any());
            if (recorded) await session.SaveChanges(ct);
            var transfer = new Transfer(agreementId, reference, amount, on, !recorded, [.. changes.Select(c => new MemberPaid(c.Row.Row,
                c.Row.BeneficiaryNumber, c.Change.File.Terms.AffiliationId, c.Receipt, c.Row.Amount, c.Change.Account.Find(c.Receipt)?.Credit ?? 0,
                c.Change.AffiliationEvents.Aggregate(c.Change.File.Affiliation.State, Affiliation.Evolve).Status?.ToString().ToLowerInvariant() ?? "unknown"))]);
            return recorded ? TypedResults.Created($"/api/group-agreements/{agreementId}/payments", transfer) : TypedResults.Ok(transfer);
        });
    }

    /// <summary>A rule refusing one member's payment names the row, and nothing of the file is written.</summary>
    private static T InRow<T>(AllocationRow row, Func<T> decide)
    {
        try { return decide(); }
        catch (DomainError e) { throw new DomainError(e.Rule, e.Code, e.Message, $"rows[{row.Row}].{e.Field ?? "amount"}"); }
        catch (RequestValidationException e) { throw new RequestValidationException(e.Errors.ToDictionary(x => $"rows[{row.Row}].{x.Key}", x => x.Value)); }
    }
}
