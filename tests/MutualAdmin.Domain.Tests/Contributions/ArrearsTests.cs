using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests.Contributions;

public class ArrearsTests
{
    // Year from 2026-04-01: the second quarter falls due 2026-07-01.
    static readonly ContributionAccountOpened Opened = QuarterlyOpened(new(2026, 4, 1), new(2026, 3, 20));
    static readonly ContributionPaid FirstPaid = Paid("R-001", 1750, new(2026, 3, 20), 0, new Allocation(1, 1750));

    [Fact]
    public void K_6_an_instalment_unpaid_at_the_end_of_grace_suspends_from_the_next_day()
    {
        var account = AccountOf(Opened, FirstPaid);
        Assert.False(Arrears.IsSuspendedOn(account, new(2026, 7, 31), 30));
        Assert.True(Arrears.IsSuspendedOn(account, new(2026, 8, 1), 30));
        Assert.Equal(new DateRange(new(2026, 8, 1), null), Arrears.SuspensionPeriods(account, 30)[0]);
    }

    [Fact]
    public void K_6_paying_all_arrears_reinstates_from_the_payment_date_without_retroactive_cover()
    {
        var account = AccountOf(Opened, FirstPaid, Paid("R-002", 1750, new(2026, 8, 10), 0, new Allocation(2, 1750)));
        Assert.Equal(new DateRange(new(2026, 8, 1), new(2026, 8, 9)), Arrears.SuspensionPeriods(account, 30)[0]);
    }

    [Fact]
    public void K_6_a_partial_payment_does_not_reinstate()
    {
        var account = AccountOf(Opened, FirstPaid, Paid("R-002", 1000, new(2026, 8, 10), 0, new Allocation(2, 1000)));
        Assert.True(Arrears.IsSuspendedOn(account, new(2026, 8, 10), 30));
    }

    [Fact]
    public void K_5_a_reversal_suspends_as_of_the_reversal_date_when_the_grace_is_over()
    {
        var account = AccountOf(Opened, FirstPaid, Paid("R-002", 1750, new(2026, 7, 1), 0, new Allocation(2, 1750)),
            new ContributionReversed(Id, "R-002", 1750, "bounced transfer", new(2026, 9, 5), [new(2, 1750)]));
        Assert.Equal([new DateRange(new(2026, 9, 5), null)], Arrears.SuspensionPeriods(account, 30));
    }

    [Fact]
    public void K_6_arrears_are_aged_from_the_due_date() =>
        Assert.Equal([new ArrearsLine(2, new(2026, 7, 1), 1750, 61)], Arrears.On(AccountOf(Opened, FirstPaid), new(2026, 8, 31)));
}
