using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests.Contributions;

/// <summary>What a payment or reversal means for the affiliation (E-6, K-6), year from 2026-04-01.</summary>
public class StandingTests
{
    static readonly ContributionAccountOpened Opened = QuarterlyOpened(new(2026, 4, 1), new(2026, 3, 20));
    static readonly ContributionPaid FirstPaid = Paid("R-001", 1750, new(2026, 3, 20), 0, new Allocation(1, 1750));
    static readonly AffiliationTerms Terms = new(AffiliationId, Guid.NewGuid(), "CSU-BASE", "individual", null, "quarterly", false, new(2026, 3, 20), 90, 30);
    static readonly Affiliation.Activated Active = new(Terms, new(2026, 4, 1), [CoverageYear.Starting(new(2026, 4, 1))], []);

    [Fact]
    public void E_6_a_pending_affiliation_activates_on_the_day_its_first_instalment_is_paid() =>
        Assert.Equal([new ActivateAffiliation(AffiliationId, new(2026, 3, 20))],
            Standing.Follow(new Affiliation.Pending(Terms, new(2026, 3, 20)), AccountOf(Opened, FirstPaid), new(2026, 3, 20), 30));

    [Fact]
    public void K_6_a_payment_leaving_arrears_past_grace_records_the_suspension_from_the_day_after_grace() =>
        // Second quarter due 2026-07-01, grace 30: suspended from 2026-08-01; 1000 of 1750 on 08-10 does not clear it.
        Assert.Equal([new SuspendAffiliation(AffiliationId, new(2026, 8, 1), "K-6 arrears")],
            Standing.Follow(Active, AccountOf(Opened, FirstPaid, Paid("R-002", 1000, new(2026, 8, 10), 0, new Allocation(2, 1000))), new(2026, 8, 10), 30));

    [Fact]
    public void K_6_paying_all_arrears_reinstates_from_the_payment_date()
    {
        var suspended = Active with { Suspensions = [new(new(2026, 8, 1), null)] };
        Assert.Equal([new ReinstateAffiliation(AffiliationId, new(2026, 8, 10))],
            Standing.Follow(suspended, AccountOf(Opened, FirstPaid, Paid("R-002", 1750, new(2026, 8, 10), 0, new Allocation(2, 1750))), new(2026, 8, 10), 30));
    }

    [Fact]
    public void K_5_a_reversal_leaving_arrears_past_grace_suspends_from_the_reversal_date()
    {
        var account = AccountOf(Opened, FirstPaid, Paid("R-002", 1750, new(2026, 7, 1), 0, new Allocation(2, 1750)),
            new ContributionReversed(Id, "R-002", 1750, "bounced transfer", new(2026, 9, 5), [new(2, 1750)]));
        Assert.Equal([new SuspendAffiliation(AffiliationId, new(2026, 9, 5), "K-6 arrears")], Standing.Follow(Active, account, new(2026, 9, 5), 30));
    }

    [Fact]
    public void K_6_arrears_inside_the_grace_period_change_nothing() =>
        Assert.Empty(Standing.Follow(Active, AccountOf(Opened, FirstPaid), new(2026, 7, 31), 30));
}
