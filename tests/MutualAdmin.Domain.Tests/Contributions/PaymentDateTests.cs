using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests.Contributions;

/// <summary>K-4, K-5: a payment is not dated before its affiliation was requested, a reversal not before its payment.</summary>
public class PaymentDateTests
{
    static readonly Spec<ContributionAccount, IContributionCommand, IContributionEvent> Spec =
        new(ContributionAccount.Initial, ContributionAccount.Evolve, ContributionAccountDecider.Decide);

    // The affiliation was requested (and the account opened) on 2026-03-01.
    static readonly ContributionAccountOpened Opened = QuarterlyOpened(new(2026, 3, 15), new(2026, 3, 1));

    [Fact]
    public void K_4_a_payment_dated_before_the_affiliation_was_requested_is_refused() =>
        Assert.Equal("paidOn", Spec.Given(Opened).When(new RecordPayment(Id, "R-001", 1750, new(2026, 2, 28), "cash", "member"))
            .ThenFails("K-4", "PAID_BEFORE_AFFILIATION").Field);

    [Fact]
    public void K_4_a_payment_on_the_day_the_affiliation_was_requested_is_recorded() =>
        Spec.Given(Opened).When(new RecordPayment(Id, "R-001", 1750, new(2026, 3, 1), "mobile-money", "member"))
            .Then(Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)));

    [Fact]
    public void K_5_a_reversal_dated_before_its_payment_is_refused() =>
        Assert.Equal("reversedOn", Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 10), 0, new Allocation(1, 1750)))
            .When(new ReversePayment(Id, "R-001", "bounced", new(2026, 3, 9)))
            .ThenFails("K-5", "REVERSED_BEFORE_PAYMENT").Field);
}
