namespace MutualAdmin.Domain.Contributions;

// The contributions of one affiliation for one coverage year: what is due, in which instalments,
// and which payment paid what (K-1…K-6).

public interface IContributionEvent;

public sealed record ContributionAccountOpened(
    Guid AccountId, Guid AffiliationId, DateOnly? CoverageYearStart, string PaymentPlan,
    IReadOnlyList<BeneficiaryDue> Dues, IReadOnlyList<Instalment> Instalments, DateOnly OpenedOn) : IContributionEvent;

/// <summary>The first year's start became known (activation): the later quarters get their dates.</summary>
public sealed record CoverageYearStarted(Guid AccountId, DateOnly Start, IReadOnlyList<InstalmentDueDate> DueDates) : IContributionEvent;

/// <summary>K-1: a beneficiary added during the year owes a prorated due, as an extra instalment.</summary>
public sealed record BeneficiaryContributionCalled(Guid AccountId, BeneficiaryDue Due, Instalment Instalment, DateOnly CalledOn) : IContributionEvent;

/// <summary>K-4: <see cref="Allocations"/> oldest instalment first; <see cref="Credit"/> is carried forward.</summary>
public sealed record ContributionPaid(
    Guid AccountId, string Receipt, long Amount, DateOnly PaidOn, string Method, string Payer,
    IReadOnlyList<Allocation> Allocations, long Credit) : IContributionEvent;

/// <summary>K-4: a payment's credit paying an instalment that was opened (or re-opened) after it.</summary>
public sealed record CreditApplied(Guid AccountId, string Receipt, IReadOnlyList<Allocation> Allocations, DateOnly AppliedOn) : IContributionEvent;

/// <summary>K-5: re-opens exactly what the payment had paid.</summary>
public sealed record ContributionReversed(
    Guid AccountId, string Receipt, long Amount, string Reason, DateOnly ReversedOn, IReadOnlyList<Allocation> Reopened) : IContributionEvent;

public sealed record Allocation(int InstalmentNumber, long Amount);

public sealed record Payment(
    string Receipt, long Amount, DateOnly PaidOn, string Method, string Payer,
    IReadOnlyList<Allocation> Allocations, DateOnly? ReversedOn = null)
{
    public long Credit => ReversedOn is null ? Amount - Allocations.Sum(a => a.Amount) : 0;
    /// <summary>Whether the payment counted on a date: dated on or before it, not yet reversed then.</summary>
    public bool CountsOn(DateOnly date) => PaidOn <= date && !(ReversedOn <= date);
}

public abstract record ContributionAccount
{
    public sealed record NotOpened : ContributionAccount;

    /// <param name="OpenedOn">The day the affiliation was requested (K-3): no payment of the account is dated before it (K-4).</param>
    public sealed record Open(
        Guid AccountId, Guid AffiliationId, DateOnly? CoverageYearStart, string PaymentPlan,
        IReadOnlyList<BeneficiaryDue> Dues, IReadOnlyList<Instalment> Instalments, IReadOnlyList<Payment> Payments,
        DateOnly OpenedOn) : ContributionAccount
    {
        public long MemberPaid(int number) => PaidAsOf(number, DateOnly.MaxValue);

        public long PaidAsOf(int number, DateOnly date) =>
            Payments.Where(p => p.CountsOn(date)).SelectMany(p => p.Allocations).Where(a => a.InstalmentNumber == number).Sum(a => a.Amount);

        public long Outstanding(Instalment i) => i.MemberShare - MemberPaid(i.Number);

        /// <summary>K-4: oldest first = earliest due date, undated (future) quarters last.</summary>
        public IEnumerable<Instalment> OldestFirst => Instalments.OrderBy(i => i.DueOn ?? DateOnly.MaxValue).ThenBy(i => i.Number);

        public Payment? Find(string receipt) => Payments.FirstOrDefault(p => p.Receipt == receipt);

        /// <summary>E-6: the day the first instalment's member share became fully paid, if it has.</summary>
        public DateOnly? FirstInstalmentPaidOn()
        {
            var first = Instalments.Single(i => i.Number == 1);
            if (first.MemberShare == 0) return null;
            foreach (var day in Payments.Where(p => p.ReversedOn is null).Select(p => p.PaidOn).Order())
                if (PaidAsOf(1, day) >= first.MemberShare) return day;
            return null;
        }

        internal Open WithPayment(string receipt, Func<Payment, Payment> change) =>
            this with { Payments = [.. Payments.Select(p => p.Receipt == receipt ? change(p) : p)] };
    }

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(ContributionAccountOpened)] = "contribution-account-opened",
        [typeof(CoverageYearStarted)] = "coverage-year-started",
        [typeof(BeneficiaryContributionCalled)] = "beneficiary-contribution-called",
        [typeof(ContributionPaid)] = "contribution-paid",
        [typeof(CreditApplied)] = "credit-applied",
        [typeof(ContributionReversed)] = "contribution-reversed",
    };

    public static ContributionAccount Initial => new NotOpened();

    public static ContributionAccount Evolve(ContributionAccount state, IContributionEvent @event) => (state, @event) switch
    {
        (NotOpened, ContributionAccountOpened e) => new Open(e.AccountId, e.AffiliationId, e.CoverageYearStart, e.PaymentPlan, e.Dues, e.Instalments, [], e.OpenedOn),
        (Open a, CoverageYearStarted e) => a with
        {
            CoverageYearStart = e.Start,
            Instalments = [.. a.Instalments.Select(i => e.DueDates.FirstOrDefault(d => d.Number == i.Number) is { } d ? i with { DueOn = d.DueOn } : i)],
        },
        (Open a, BeneficiaryContributionCalled e) => a with { Dues = [.. a.Dues, e.Due], Instalments = [.. a.Instalments, e.Instalment] },
        (Open a, ContributionPaid e) => a with { Payments = [.. a.Payments, new(e.Receipt, e.Amount, e.PaidOn, e.Method, e.Payer, e.Allocations)] },
        (Open a, CreditApplied e) => a.WithPayment(e.Receipt, p => p with { Allocations = [.. p.Allocations, .. e.Allocations] }),
        (Open a, ContributionReversed e) => a.WithPayment(e.Receipt, p => p with { ReversedOn = e.ReversedOn }),
        _ => state,
    };
}
