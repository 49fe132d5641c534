using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Domain.Tests.Enrolment;

public class AffiliationTests
{
    static readonly Spec<Affiliation, IAffiliationCommand, IAffiliationEvent> Spec =
        new(Affiliation.Initial, Affiliation.Evolve, AffiliationDecider.Decide);

    public static readonly Guid Id = Guid.Parse("a0000000-0000-4000-8000-000000000001");
    public static readonly Guid Agreement = Guid.Parse("a0000000-0000-4000-8000-0000000000ff");
    public static readonly DateOnly RequestedOn = new(2026, 3, 1);

    public static AffiliationRequested Requested(bool waived = false) =>
        new(Id, People.HouseholdId, "CSU-BASE", "individual", null, "quarterly", waived, RequestedOn);
    public static AffiliationActivated Activated(DateOnly on) => new(Id, on, CoverageYear.Starting(on).End);

    [Fact]
    public void E_5_an_individual_affiliation_is_requested() =>
        Spec.Given().When(new RequestAffiliation(Id, People.HouseholdId, "CSU-BASE", "individual", null, "quarterly", RequestedOn, 90, 30))
            .Then(Requested());

    [Fact]
    public void E_5_a_group_affiliation_names_its_agreement() =>
        Spec.Given().When(new RequestAffiliation(Id, People.HouseholdId, "CSU-BASE", "group", null, "seasonal", RequestedOn, 90, 30))
            .ThenFails("E-5", "GROUP_AGREEMENT_REQUIRED");

    [Fact]
    public void E_6_paying_the_first_instalment_activates_for_a_coverage_year() =>
        Spec.Given(Requested()).When(new ActivateAffiliation(Id, new(2026, 3, 15)))
            .Then(new AffiliationActivated(Id, new(2026, 3, 15), new(2027, 3, 14)));

    [Fact]
    public void E_6_activating_an_active_affiliation_is_already_done() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new ActivateAffiliation(Id, new(2026, 4, 1))).ThenNothing();

    [Fact]
    public void E_6_an_all_indigent_household_is_active_on_approval() =>
        Spec.Given(Requested()).When(new ApproveAffiliation(Id, new(2026, 3, 5), AllBeneficiariesIndigent: true))
            .Then(new AffiliationApproved(Id, new(2026, 3, 5)), new AffiliationActivated(Id, new(2026, 3, 5), new(2027, 3, 4)));

    [Fact]
    public void E_6_approval_alone_does_not_activate_a_paying_household() =>
        Spec.Given(Requested()).When(new ApproveAffiliation(Id, new(2026, 3, 5), false)).Then(new AffiliationApproved(Id, new(2026, 3, 5)));

    [Fact]
    public void E_8_renewal_before_the_window_is_refused() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RenewAffiliation(Id, new(2027, 2, 11)))
            .ThenFails("E-8", "RENEWAL_NOT_OPEN");

    [Fact]
    public void E_8_renewal_opens_30_days_before_the_end_and_creates_the_next_year() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RenewAffiliation(Id, new(2027, 2, 12)))
            .Then(new AffiliationRenewed(Id, new(2027, 3, 15), new(2028, 3, 14), new(2027, 2, 12)));

    [Fact]
    public void E_8_renewing_twice_is_already_done() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15)), new AffiliationRenewed(Id, new(2027, 3, 15), new(2028, 3, 14), new(2027, 3, 1)))
            .When(new RenewAffiliation(Id, new(2027, 3, 1))).ThenNothing();

    [Fact]
    public void E_8_renewal_within_the_grace_period_leaves_no_gap() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RenewAffiliation(Id, new(2027, 4, 13)))
            .Then(new AffiliationRenewed(Id, new(2027, 3, 15), new(2028, 3, 14), new(2027, 4, 13)));

    [Fact]
    public void E_8_renewal_after_the_grace_period_is_refused() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RenewAffiliation(Id, new(2027, 4, 14)))
            .ThenFails("E-8", "AFFILIATION_LAPSED");

    [Fact]
    public void E_8_an_affiliation_not_renewed_lapses_the_day_after_the_grace_period() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RecordLapse(Id, new(2027, 5, 1)))
            .Then(new AffiliationLapsed(Id, new(2027, 4, 14)));

    [Fact]
    public void E_8_an_affiliation_within_its_grace_period_has_not_lapsed() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new RecordLapse(Id, new(2027, 4, 13)))
            .ThenFails("E-8", "NOT_YET_LAPSED");

    [Fact]
    public void S_2_the_request_keeps_the_waiting_and_grace_periods_of_its_scheme_version() =>
        Spec.Given().When(new RequestAffiliation(Id, People.HouseholdId, "CSU-BASE", "individual", null, "quarterly", RequestedOn, 60, 10))
            .Then(Requested() with { WaitingPeriodDays = 60, GracePeriodDays = 10 });

    [Fact]
    public void S_2_the_lapse_and_the_renewal_follow_the_grace_period_the_affiliation_keeps()
    {
        Spec.Given(Requested() with { GracePeriodDays = 10 }, Activated(new(2026, 3, 15))).When(new RecordLapse(Id, new(2027, 3, 25)))
            .Then(new AffiliationLapsed(Id, new(2027, 3, 25)));
        Spec.Given(Requested() with { GracePeriodDays = 10 }, Activated(new(2026, 3, 15))).When(new RenewAffiliation(Id, new(2027, 3, 25)))
            .ThenFails("E-8", "AFFILIATION_LAPSED");
    }

    [Fact]
    public void E_9_termination_on_request() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new TerminateAffiliation(Id, "request", null, new(2026, 9, 1)))
            .Then(new AffiliationTerminated(Id, "request", null, new(2026, 9, 1)));

    [Fact]
    public void E_9_exclusion_for_fraud_needs_a_reason() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new TerminateAffiliation(Id, "fraud", " ", new(2026, 9, 1)))
            .ThenFails("E-9", "REASON_REQUIRED");

    [Fact]
    public void E_9_commands_on_a_terminated_affiliation_are_refused() =>
        Spec.Given(Requested(), Activated(new(2026, 3, 15)), new AffiliationTerminated(Id, "death", null, new(2026, 9, 1)))
            .When(new RenewAffiliation(Id, new(2027, 3, 1))).ThenFails("E-5", "AFFILIATION_ENDED");

    [Fact]
    public void K_6_suspension_and_reinstatement_are_recorded_once()
    {
        var suspended = new AffiliationSuspended(Id, new(2026, 8, 1), "arrears");
        Spec.Given(Requested(), Activated(new(2026, 3, 15))).When(new SuspendAffiliation(Id, new(2026, 8, 1), "arrears")).Then(suspended);
        Spec.Given(Requested(), Activated(new(2026, 3, 15)), suspended).When(new SuspendAffiliation(Id, new(2026, 8, 2), "arrears")).ThenNothing();
        Spec.Given(Requested(), Activated(new(2026, 3, 15)), suspended).When(new ReinstateAffiliation(Id, new(2026, 8, 10)))
            .Then(new AffiliationReinstated(Id, new(2026, 8, 10)));
    }
}

public class AffiliationStatusTests
{
    static AffiliationStatus? StatusAfter(params IAffiliationEvent[] events) =>
        events.Aggregate(Affiliation.Initial, Affiliation.Evolve).Status;

    [Fact]
    public void E_5_an_affiliation_goes_pending_active_suspended_active_then_lapsed()
    {
        var id = AffiliationTests.Id;
        IAffiliationEvent[] history =
        [
            AffiliationTests.Requested(), AffiliationTests.Activated(new(2026, 3, 15)),
            new AffiliationSuspended(id, new(2026, 8, 1), "arrears"), new AffiliationReinstated(id, new(2026, 8, 10)),
            new AffiliationLapsed(id, new(2027, 4, 14)),
        ];
        Assert.Equal([AffiliationStatus.Pending, AffiliationStatus.Active, AffiliationStatus.Suspended, AffiliationStatus.Active, AffiliationStatus.Lapsed],
            Enumerable.Range(1, history.Length).Select(n => StatusAfter(history[..n])));
    }
}
