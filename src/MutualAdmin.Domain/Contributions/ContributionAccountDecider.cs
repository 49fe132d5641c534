using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Domain.Contributions;

public static class ContributionAccountDecider
{
    public static IReadOnlyList<IContributionEvent> Decide(IContributionCommand command, ContributionAccount state) => (command, state) switch
    {
        (OpenContributionAccount c, NotOpened) => [Opening(c)],
        (OpenContributionAccount, Open) => [],
        (_, NotOpened) => throw new DomainError("K-3", "ACCOUNT_UNKNOWN", "no contribution account for this coverage year"),

        (StartCoverageYear c, Open { CoverageYearStart: null } a) =>
            [new CoverageYearStarted(c.AccountId, c.Start, [.. InstalmentPlan.QuarterlyDueDates(c.Start).Where(d => a.Instalments.Any(i => i.Number == d.Number && i.DueOn is null))])],
        (StartCoverageYear, Open) => [],

        (CallBeneficiaryContribution c, Open a) when a.Dues.Any(d => d.PersonId == c.PersonId) => [],
        (CallBeneficiaryContribution c, Open a) => Call(c, a),

        (RecordPayment c, Open a) => Pay(c, a),

        (ReversePayment c, Open a) => a.Find(c.Receipt) switch
        {
            null => throw new DomainError("K-5", "PAYMENT_UNKNOWN", "no payment with this receipt on the account", "receipt"),
            { ReversedOn: not null } => [],
            var p when string.IsNullOrWhiteSpace(c.Reason) => throw new DomainError("K-5", "REASON_REQUIRED", "a reversal states its reason", "reason"),
            var p when c.ReversedOn < p.PaidOn => throw new DomainError("K-5", "REVERSED_BEFORE_PAYMENT",
                "a reversal cannot precede the payment", "reversedOn"),
            var p => Reverse(c, a, p),
        },

        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name),
    };

    static ContributionAccountOpened Opening(OpenContributionAccount c)
    {
        if (c.Beneficiaries.Count == 0)
            throw new DomainError("K-1", "NO_BENEFICIARIES", "an account charges at least one beneficiary", "beneficiaries");
        var dues = c.Beneficiaries
            .Select(b => Dues.Split(b.PersonId, b.SubsidyCategory, c.Scheme.ContributionPerBeneficiary, c.Scheme.SubsidyPercent)).ToList();
        var instalments = InstalmentPlan.Schedule(c.PaymentPlan, dues.Sum(d => d.MemberShare), dues.Sum(d => d.SubsidyShare),
            c.OpenedOn, c.CoverageYearStart, c.SeasonalShares);
        return new(c.AccountId, c.AffiliationId, c.CoverageYearStart, c.PaymentPlan, dues, instalments, c.OpenedOn);
    }

    static IReadOnlyList<IContributionEvent> Call(CallBeneficiaryContribution c, Open a)
    {
        // Before activation the whole year is still ahead: the full contribution (K-1).
        var amount = a.CoverageYearStart is { } start
            ? Dues.Prorated(c.Scheme.ContributionPerBeneficiary, start, c.AddedOn)
            : c.Scheme.ContributionPerBeneficiary;
        var due = Dues.Split(c.PersonId, c.SubsidyCategory, amount, c.Scheme.SubsidyPercent);
        var instalment = new Instalment(a.Instalments.Max(i => i.Number) + 1, c.AddedOn, due.MemberShare, due.SubsidyShare, c.PersonId);
        var called = new BeneficiaryContributionCalled(c.AccountId, due, instalment, c.AddedOn);
        return [called, .. CreditAllocation.Apply((Open)Evolve(a, called), c.AddedOn)];
    }

    static IReadOnlyList<IContributionEvent> Pay(RecordPayment c, Open a)
    {
        if (a.Find(c.Receipt) is { } earlier)
            return earlier.Amount == c.Amount && earlier.PaidOn == c.PaidOn ? []
                : throw new DomainError("K-4", "RECEIPT_DUPLICATE", "this receipt number is already used", "receipt");
        if (c.ReceiptUsedInTenant) throw new DomainError("K-4", "RECEIPT_DUPLICATE", "this receipt number is already used", "receipt");
        if (string.IsNullOrWhiteSpace(c.Receipt)) throw new DomainError("K-4", "REQUIRED", "is required", "receipt");
        if (c.Amount <= 0) throw new DomainError("K-4", "AMOUNT_NOT_POSITIVE", "a payment is a positive amount", "amount");
        if (c.Amount > Amounts.MaxAmount) throw new DomainError("K-4", "AMOUNT_TOO_LARGE", $"at most {Amounts.MaxAmount} in the currency's minor unit", "amount");
        if (!PaymentMethod.All.Contains(c.Method))
            throw new DomainError("K-4", "METHOD_UNKNOWN", "cash, mobile-money, bank-transfer or collector-transfer", "method");
        if (string.IsNullOrWhiteSpace(c.Payer)) throw new DomainError("K-4", "REQUIRED", "is required", "payer");
        // Money paid before the affiliation existed would activate a coverage year that began before it (E-6).
        if (c.PaidOn < a.OpenedOn)
            throw new DomainError("K-4", "PAID_BEFORE_AFFILIATION",
                $"a payment cannot be dated before its affiliation was requested ({a.OpenedOn:yyyy-MM-dd})", "paidOn");

        var allocations = CreditAllocation.OldestFirst(a, c.Amount);
        return [new ContributionPaid(c.AccountId, c.Receipt, c.Amount, c.PaidOn, c.Method, c.Payer, allocations, c.Amount - allocations.Sum(x => x.Amount))];
    }

    static IReadOnlyList<IContributionEvent> Reverse(ReversePayment c, Open a, Payment p)
    {
        var reversed = new ContributionReversed(c.AccountId, c.Receipt, p.Amount, c.Reason, c.ReversedOn, p.Allocations);
        // What it re-opened is paid again by any credit other payments carry (never lost, K-4).
        return [reversed, .. CreditAllocation.Apply((Open)Evolve(a, reversed), c.ReversedOn)];
    }
}
