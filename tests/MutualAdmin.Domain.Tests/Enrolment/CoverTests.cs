using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Tests.Contributions;
using static MutualAdmin.Domain.Enrolment.BeneficiaryState;
using static MutualAdmin.Domain.Tests.Enrolment.AffiliationTests;
using static MutualAdmin.Domain.Tests.Enrolment.People;

namespace MutualAdmin.Domain.Tests.Enrolment;

public class CoverTests
{
    static readonly DateOnly Activation = new(2026, 1, 1);

    static Affiliation AffiliationOf(params IAffiliationEvent[] events) =>
        events.Aggregate(Affiliation.Initial, Affiliation.Evolve);

    static Affiliation ActiveSince(DateOnly on, bool waived = false) => AffiliationOf(Requested(waived), Activated(on));

    static BeneficiaryCover CoverOf(Guid person, Household.Registered household, Affiliation affiliation, DateOnly on,
        IEnumerable<DateRange>? arrears = null) =>
        Cover.On(on, household.Find(person)!, affiliation, arrears);

    static BeneficiaryState StateOf(Guid person, Household.Registered household, Affiliation affiliation, DateOnly on) =>
        CoverOf(person, household, affiliation, on).State;

    [Fact]
    public void E_7_cover_starts_on_activation_plus_the_waiting_period()
    {
        var household = HouseholdOf(AwaRegistered);
        Assert.Equal(Waiting, StateOf(Awa, household, ActiveSince(Activation), new(2026, 3, 31)));
        Assert.Equal(new BeneficiaryCover(Covered, new(2026, 4, 1), new(2026, 12, 31)), CoverOf(Awa, household, ActiveSince(Activation), new(2026, 4, 1)));
    }

    [Fact]
    public void S_2_cover_follows_the_waiting_and_grace_periods_the_affiliation_keeps_from_its_scheme_version()
    {
        var household = HouseholdOf(AwaRegistered);
        var affiliation = AffiliationOf(Requested() with { WaitingPeriodDays = 60, GracePeriodDays = 10 }, Activated(Activation));
        Assert.Equal(Waiting, StateOf(Awa, household, affiliation, new(2026, 3, 1)));
        Assert.Equal(new BeneficiaryCover(Covered, new(2026, 3, 2), new(2026, 12, 31)), CoverOf(Awa, household, affiliation, new(2026, 3, 2)));
        Assert.NotEqual(Lapsed, StateOf(Awa, household, affiliation, new(2027, 1, 10)));
        Assert.Equal(Lapsed, StateOf(Awa, household, affiliation, new(2027, 1, 11)));
    }

    [Fact]
    public void E_5_a_pending_affiliation_covers_nobody() =>
        Assert.Equal(NotAffiliated, StateOf(Awa, HouseholdOf(AwaRegistered), AffiliationOf(Requested()), new(2026, 6, 1)));

    [Fact]
    public void E_7_a_renewal_without_interruption_has_no_waiting_period()
    {
        var renewed = AffiliationOf(Requested(), Activated(Activation), new AffiliationRenewed(Id, new(2027, 1, 1), new(2027, 12, 31), new(2027, 1, 20)));
        Assert.Equal(Covered, StateOf(Awa, HouseholdOf(AwaRegistered), renewed, new(2027, 1, 2)));
    }

    [Fact]
    public void E_7_newborn_added_within_30_days_is_covered_from_birth()
    {
        var household = HouseholdOf(AwaRegistered, ChildAdded(Ibrahima, new(2026, 7, 1), new(2026, 7, 31)));
        Assert.Equal(new BeneficiaryCover(Covered, new(2026, 7, 1), new(2026, 12, 31)),
            CoverOf(Ibrahima, household, ActiveSince(Activation), new(2026, 7, 31)));
    }

    [Fact]
    public void E_7_a_child_added_later_than_30_days_after_birth_waits()
    {
        var household = HouseholdOf(AwaRegistered, ChildAdded(Ibrahima, new(2026, 7, 1), new(2026, 8, 1)));
        Assert.Equal(new BeneficiaryCover(Waiting, new(2026, 10, 30), new(2026, 12, 31)),
            CoverOf(Ibrahima, household, ActiveSince(Activation), new(2026, 8, 1)));
    }

    [Fact]
    public void E_9_dependants_of_a_deceased_member_carry_on_without_waiting()
    {
        var household = HouseholdOf(AwaRegistered, MoussaAdded, new PersonDied(HouseholdId, Awa, new(2026, 6, 1)),
            new HouseholdTransferredToNewMember(HouseholdId, Moussa, new(2026, 6, 10)));
        var continued = ActiveSince(new(2026, 6, 10), waived: true);
        Assert.Equal(Covered, StateOf(Moussa, household, continued, new(2026, 6, 10)));
        Assert.Equal(Terminated, StateOf(Awa, household, continued, new(2026, 6, 10)));
    }

    [Fact]
    public void E_3_a_child_turning_21_is_covered_to_the_end_of_the_coverage_year()
    {
        var household = HouseholdOf(AwaRegistered, ChildAdded(Ibrahima, new(2005, 6, 1), new(2025, 12, 1)));
        var renewed = AffiliationOf(Requested(), Activated(Activation), new AffiliationRenewed(Id, new(2027, 1, 1), new(2027, 12, 31), new(2026, 12, 20)));
        Assert.Equal(Covered, StateOf(Ibrahima, household, renewed, new(2026, 12, 31)));
        Assert.Equal(NotAffiliated, StateOf(Ibrahima, household, renewed, new(2027, 1, 1)));
    }

    [Fact]
    public void E_8_not_renewed_is_covered_through_the_grace_period_then_lapsed()
    {
        var household = HouseholdOf(AwaRegistered);
        Assert.Equal(Covered, StateOf(Awa, household, ActiveSince(Activation), new(2027, 1, 30)));
        Assert.Equal(Lapsed, StateOf(Awa, household, ActiveSince(Activation), new(2027, 1, 31)));
    }

    [Fact]
    public void E_9_a_terminated_affiliation_covers_nobody_from_its_termination_date()
    {
        var terminated = AffiliationOf(Requested(), Activated(Activation), new AffiliationTerminated(Id, "request", null, new(2026, 9, 1)));
        Assert.Equal(Covered, StateOf(Awa, HouseholdOf(AwaRegistered), terminated, new(2026, 8, 31)));
        Assert.Equal(Terminated, StateOf(Awa, HouseholdOf(AwaRegistered), terminated, new(2026, 9, 1)));
    }

    [Fact]
    public void K_6_arrears_suspend_cover_on_exactly_the_suspended_days()
    {
        DateRange[] arrears = [new(new(2026, 8, 1), new(2026, 8, 9))];
        var household = HouseholdOf(AwaRegistered);
        Assert.Equal(Covered, CoverOf(Awa, household, ActiveSince(Activation), new(2026, 7, 31), arrears).State);
        Assert.Equal(Suspended, CoverOf(Awa, household, ActiveSince(Activation), new(2026, 8, 1), arrears).State);
        Assert.Equal(Covered, CoverOf(Awa, household, ActiveSince(Activation), new(2026, 8, 10), arrears).State);
    }

    [Fact]
    public void K_6_an_unpaid_quarter_suspends_cover_from_due_plus_grace_plus_one_with_no_suspension_recorded()
    {
        // Year from 2026-01-01, the second quarter due 2026-04-01 and unpaid: suspended from 2026-05-02 (grace 30).
        var account = Accounts.AccountOf(Accounts.QuarterlyOpened(Activation, Activation),
            Accounts.Paid("R-1", 1750, Activation, 0, new Allocation(1, 1750)));
        var household = HouseholdOf(AwaRegistered);
        var affiliation = ActiveSince(Activation, waived: true);
        Assert.Equal(Covered, Cover.On(new(2026, 5, 1), household.Find(Awa)!, affiliation, account).State);
        Assert.Equal(Suspended, Cover.On(new(2026, 5, 2), household.Find(Awa)!, affiliation, account).State);
        Assert.Equal(Suspended, Cover.On(new(2026, 12, 1), household.Find(Awa)!, affiliation, account).State);
        var paid = Accounts.AccountOf(Accounts.QuarterlyOpened(Activation, Activation),
            Accounts.Paid("R-1", 1750, Activation, 0, new Allocation(1, 1750)), Accounts.Paid("R-2", 1750, new(2026, 6, 10), 0, new Allocation(2, 1750)));
        Assert.Equal(Suspended, Cover.On(new(2026, 6, 9), household.Find(Awa)!, affiliation, paid).State);
        Assert.Equal(Covered, Cover.On(new(2026, 6, 10), household.Find(Awa)!, affiliation, paid).State);
    }
}
