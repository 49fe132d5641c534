using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Contributions.GettingStatement;

/// <summary>
/// The account statement of an affiliation: dues per beneficiary, instalments with what is paid and
/// outstanding, payments (and their reversals), credit carried forward, and arrears aged on a date
/// (today unless asked). An account not used yet is shown as it would open, without writing it. The
/// household's member is named, so a cashier reaching the account from the arrears list knows whose it is.
/// </summary>
public static class GetStatement
{
    public sealed record InstalmentLine(int Number, DateOnly? DueOn, long MemberShare, long SubsidyShare, long MemberPaid, long Outstanding, Guid? ForPersonId);
    public sealed record PaymentLine(string Receipt, long Amount, DateOnly PaidOn, string Method, string Payer,
        IReadOnlyList<Allocation> Allocations, long Credit, DateOnly? ReversedOn);
    public sealed record Statement(Guid AffiliationId, Guid AccountId, string PaymentPlan, DateOnly? CoverageYearStart, DateOnly AsOf,
        IReadOnlyList<BeneficiaryDue> Dues, IReadOnlyList<InstalmentLine> Instalments, IReadOnlyList<PaymentLine> Payments,
        long TotalDue, long MemberPaid, long Credit, IReadOnlyList<ArrearsLine> Arrears, bool Suspended,
        Guid HouseholdId, string? MemberName, string? MemberNumber);

    public static async Task<Results<Ok<Statement>, NotFound>> Handle(Guid id, DateOnly? asOf, Actor actor, EventStore.EventStore store,
        SchemeCatalogues catalogues, TimeProvider clock, CancellationToken ct)
    {
        var on = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("get-statement"));
        if (await AccountFile.Load(session, id, catalogues, ct) is not { } file) return TypedResults.NotFound();
        var (a, _) = file.Current();
        var member = file.Household.Find(file.Household.MemberId);
        return TypedResults.Ok(new Statement(id, a.AccountId, a.PaymentPlan, a.CoverageYearStart, on, a.Dues,
            // By number, as the plan and the receipts name them (payments are allocated oldest first, K-4).
            [.. a.Instalments.OrderBy(i => i.Number).Select(i => new InstalmentLine(i.Number, i.DueOn, i.MemberShare, i.SubsidyShare, a.MemberPaid(i.Number), a.Outstanding(i), i.ForPersonId))],
            [.. a.Payments.Select(p => new PaymentLine(p.Receipt, p.Amount, p.PaidOn, p.Method, p.Payer, p.Allocations, p.Credit, p.ReversedOn))],
            a.Dues.Sum(d => d.Due), a.Instalments.Sum(i => a.MemberPaid(i.Number)), a.Payments.Sum(p => p.Credit),
            Arrears.On(a, on), Arrears.IsSuspendedOn(a, on, file.Terms.GracePeriodDays),
            file.Household.HouseholdId, member?.Personal?.FullName, member?.BeneficiaryNumber));
    }
}
