using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests;

/// <summary>Issue 22: amounts in their ranges, arithmetic that never wraps, and what a fold cannot take.</summary>
public class AmountRangeTests
{
    static readonly DateOnly YearStart = new(2026, 3, 15);
    static readonly ContributionAccountOpened Opened = QuarterlyOpened(YearStart, new(2026, 3, 1));

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(Amounts.MaxAmount + 1)]
    public void K_4_the_decider_refuses_a_payment_above_the_platform_maximum(long amount)
    {
        var error = Assert.Throws<DomainError>(() => ContributionAccountDecider.Decide(
            new RecordPayment(Id, "R-2", amount, new(2026, 3, 2), "cash", "member"), AccountOf(Opened)));
        Assert.Equal(("K-4", "AMOUNT_TOO_LARGE", "amount"), (error.Rule, error.Code, error.Field));
    }

    [Fact]
    public void Money_arithmetic_in_the_domain_throws_on_overflow_instead_of_wrapping() =>
        Assert.Throws<OverflowException>(() => new ClaimLine("CONS-GEN", int.MaxValue, long.MaxValue).Claimed);

    [Fact]
    public void An_impossible_value_is_named_by_its_field_and_a_plausible_event_holds_none()
    {
        Assert.Equal(new ImpossibleValue("amount", "9223372036854775807"),
            ImpossibleValues.Find(Paid("R-2", long.MaxValue, new(2026, 3, 2), credit: long.MaxValue - 3500)));
        // Each factor can be stored, their product cannot: the check multiplies in 128 bits.
        var line = new ClaimLine("CONS-GEN", 1000, Amounts.MaxStorable);
        Assert.Equal("claim.lines[0].quantity", ImpossibleValues.Find(new ClaimSubmitted(Claims.Claims.Claim(line), "CSU-BASE", 1))?.Field);
        Assert.Null(ImpossibleValues.Find(Paid("R-1", Amounts.MaxAmount, new(2026, 3, 2), credit: Amounts.MaxAmount - 3500)));
        Assert.Null(ImpossibleValues.Find(Opened));
    }

    /// <summary>
    /// What the edge admits, every fold can take: any run of payments and reversals in range decides
    /// events that hold no impossible value, money is never lost (allocations + credit = amount) and the
    /// account's sums stay exact. Seeded, so a failure reproduces.
    /// </summary>
    [Fact]
    public void K_4_payments_in_range_never_make_an_event_a_fold_cannot_take_and_never_lose_money()
    {
        var random = new Random(20261206);
        for (var run = 0; run < 200; run++)
        {
            ContributionAccount account = AccountOf(Opened);
            var paid = new List<(string Receipt, long Amount)>();
            for (var step = 0; step < 60; step++)
            {
                IContributionCommand command = paid.Count > 0 && random.Next(4) == 0
                    ? new ReversePayment(Id, paid[random.Next(paid.Count)].Receipt, "entry error", new(2026, 4, 1))
                    : new RecordPayment(Id, $"R-{run}-{step}", random.Next(3) == 0 ? Amounts.MaxAmount : random.NextInt64(1, Amounts.MaxAmount + 1),
                        new(2026, 3, 2), "cash", "member");
                foreach (var e in ContributionAccountDecider.Decide(command, account))
                {
                    Assert.True(ImpossibleValues.Find(e) is null, $"run {run} step {step}: {e}");
                    if (e is ContributionPaid p)
                    {
                        Assert.Equal(p.Amount, p.Allocations.Sum(a => a.Amount) + p.Credit);
                        paid.Add((p.Receipt, p.Amount));
                    }
                    account = ContributionAccount.Evolve(account, e);
                }
            }
            var open = (ContributionAccount.Open)account;
            var standing = Total(open.Payments.Where(p => p.ReversedOn is null).Select(p => p.Amount));
            Assert.Equal(standing, Total(open.Instalments.Select(i => open.MemberPaid(i.Number))) + Total(open.Payments.Select(p => p.Credit)));
        }
    }

    /// <summary>A sum in 128 bits, to compare with the account's own checked 64-bit sums.</summary>
    static Int128 Total(IEnumerable<long> amounts) => amounts.Aggregate(Int128.Zero, (sum, a) => sum + a);
}
