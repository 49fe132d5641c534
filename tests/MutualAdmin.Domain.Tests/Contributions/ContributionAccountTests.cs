using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Tests.Contributions.Accounts;

namespace MutualAdmin.Domain.Tests.Contributions;

public class ContributionAccountTests
{
    static readonly Spec<ContributionAccount, IContributionCommand, IContributionEvent> Spec =
        new(ContributionAccount.Initial, ContributionAccount.Evolve, ContributionAccountDecider.Decide);

    static readonly DateOnly YearStart = new(2026, 3, 15);
    static readonly ContributionAccountOpened Opened = QuarterlyOpened(YearStart, new(2026, 3, 1));

    static OpenContributionAccount Open(string plan, DateOnly? yearStart, IReadOnlyList<SeasonalShare>? seasonal = null, params BeneficiaryToCharge[] who) =>
        new(Id, AffiliationId, plan, new(2026, 3, 1), yearStart, who.Length == 0 ? [new(Awa, "standard"), new(Moussa, "standard")] : who,
            DemoScheme.CsuBase, seasonal);

    [Fact]
    public void K_1_beneficiary_added_mid_year_is_due_prorated_contribution() =>
        Spec.Given(Opened).When(new CallBeneficiaryContribution(Id, Ibrahima, "standard", new(2026, 7, 20), DemoScheme.CsuBase))
            .Then(new BeneficiaryContributionCalled(Id, new(Ibrahima, "standard", 4667, 2333, 2334),
                new(5, new(2026, 7, 20), 2333, 2334, Ibrahima), new(2026, 7, 20)));

    [Fact]
    public void K_1_the_months_left_count_the_current_one() =>
        Assert.Equal([12, 12, 8, 1], new[] { new DateOnly(2026, 3, 15), new(2026, 4, 14), new(2026, 7, 20), new(2027, 3, 14) }
            .Select(d => Dues.RemainingMonths(YearStart, d)));

    [Fact]
    public void K_1_the_prorated_due_rounds_half_up_to_the_currency_unit() =>
        // One month left of a 1002 contribution: 83.5 → 84; eight left of 7000: 4666.67 → 4667.
        Assert.Equal([84, 4667], new[] { (1002L, new DateOnly(2027, 3, 14)), (7000L, new DateOnly(2026, 7, 20)) }
            .Select(x => Dues.Prorated(x.Item1, YearStart, x.Item2)));

    [Fact]
    public void K_2_each_due_splits_into_member_and_subsidy_shares_by_category() =>
        Spec.Given().When(Open("annual", YearStart, null, new(Awa, "standard"), new(Moussa, "indigent"), new(Ibrahima, "none")))
            .Then(new ContributionAccountOpened(Id, AffiliationId, YearStart, "annual",
                [new(Awa, "standard", 7000, 3500, 3500), new(Moussa, "indigent", 7000, 0, 7000), new(Ibrahima, "none", 7000, 7000, 0)],
                [new(1, new(2026, 3, 1), 10500, 10500)], new(2026, 3, 1)));

    [Fact]
    public void K_3_quarterly_instalments_fall_due_on_request_then_3_6_9_months_after_the_year_start() =>
        Spec.Given().When(Open("quarterly", YearStart)).Then(Opened);

    [Fact]
    public void K_3_quarterly_remainder_goes_into_the_first_instalment() =>
        Assert.Equal([876, 875, 875, 875], InstalmentPlan.SplitEvenly(3501, 4));

    [Fact]
    public void K_3_a_first_year_dates_its_later_quarters_when_the_year_starts()
    {
        var undated = QuarterlyOpened(YearStart, new(2026, 3, 1)) with { CoverageYearStart = null };
        undated = undated with { Instalments = [undated.Instalments[0], .. undated.Instalments.Skip(1).Select(i => i with { DueOn = null })] };
        Spec.Given().When(Open("quarterly", null)).Then(undated);
        Spec.Given(undated).When(new StartCoverageYear(Id, YearStart))
            .Then(new CoverageYearStarted(Id, YearStart, [new(2, new(2026, 6, 15)), new(3, new(2026, 9, 15)), new(4, new(2026, 12, 15))]));
    }

    [Fact]
    public void K_3_seasonal_instalments_follow_the_group_agreement() =>
        Spec.Given().When(Open("seasonal", YearStart, [new(new(2026, 11, 30), 60), new(new(2027, 1, 31), 40)]))
            .Then(new ContributionAccountOpened(Id, AffiliationId, YearStart, "seasonal", [Standard(Awa), Standard(Moussa)],
                [new(1, new(2026, 11, 30), 4200, 4200), new(2, new(2027, 1, 31), 2800, 2800)], new(2026, 3, 1)));

    [Fact]
    public void K_3_seasonal_shares_must_add_up_to_100() =>
        Spec.Given().When(Open("seasonal", YearStart, [new(new(2026, 11, 30), 60)])).ThenFails("K-3", "SEASONAL_SHARES_INVALID");

    [Fact]
    public void K_4_a_payment_pays_the_oldest_instalment_first_and_carries_the_excess_forward() =>
        Spec.Given(Opened).When(new RecordPayment(Id, "R-001", 8000, new(2026, 3, 1), "mobile-money", "member"))
            .Then(Paid("R-001", 8000, new(2026, 3, 1), 1000, new(1, 1750), new(2, 1750), new(3, 1750), new(4, 1750)));

    [Fact]
    public void K_4_credit_pays_the_next_instalment_called() =>
        Spec.Given(Opened, Paid("R-001", 8000, new(2026, 3, 1), 1000, new(1, 1750), new(2, 1750), new(3, 1750), new(4, 1750)))
            .When(new CallBeneficiaryContribution(Id, Ibrahima, "standard", new(2026, 7, 20), DemoScheme.CsuBase))
            .Then(new BeneficiaryContributionCalled(Id, new(Ibrahima, "standard", 4667, 2333, 2334), new(5, new(2026, 7, 20), 2333, 2334, Ibrahima), new(2026, 7, 20)),
                new CreditApplied(Id, "R-001", [new(5, 1000)], new(2026, 7, 20)));

    [Fact]
    public void K_4_a_receipt_number_is_used_once() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)))
            .When(new RecordPayment(Id, "R-001", 500, new(2026, 4, 1), "cash", "member")).ThenFails("K-4", "RECEIPT_DUPLICATE");

    [Fact]
    public void K_4_recording_the_same_payment_again_is_already_done() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)))
            .When(new RecordPayment(Id, "R-001", 1750, new(2026, 3, 1), "mobile-money", "member")).ThenNothing();

    [Fact]
    public void K_4_a_receipt_used_on_another_account_of_the_tenant_is_refused() =>
        Spec.Given(Opened).When(new RecordPayment(Id, "R-009", 1750, new(2026, 3, 1), "cash", "member", ReceiptUsedInTenant: true))
            .ThenFails("K-4", "RECEIPT_DUPLICATE");

    [Fact]
    public void K_5_a_reversal_reopens_exactly_what_the_payment_had_paid() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)), Paid("R-002", 1750, new(2026, 6, 10), 0, new Allocation(2, 1750)))
            .When(new ReversePayment(Id, "R-001", "bounced transfer", new(2026, 6, 20)))
            .Then(new ContributionReversed(Id, "R-001", 1750, "bounced transfer", new(2026, 6, 20), [new(1, 1750)]));

    [Fact]
    public void K_5_K_4_what_a_reversal_reopens_is_paid_again_by_the_credit_of_other_payments() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)),
                Paid("R-002", 8000, new(2026, 3, 2), 2750, new(2, 1750), new(3, 1750), new(4, 1750)))
            .When(new ReversePayment(Id, "R-001", "entry error", new(2026, 3, 5)))
            .Then(new ContributionReversed(Id, "R-001", 1750, "entry error", new(2026, 3, 5), [new(1, 1750)]),
                new CreditApplied(Id, "R-002", [new(1, 1750)], new(2026, 3, 5)));

    [Fact]
    public void K_5_a_reversal_states_its_reason() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)))
            .When(new ReversePayment(Id, "R-001", "", new(2026, 6, 20))).ThenFails("K-5", "REASON_REQUIRED");

    [Fact]
    public void K_5_reversing_twice_is_already_done() =>
        Spec.Given(Opened, Paid("R-001", 1750, new(2026, 3, 1), 0, new Allocation(1, 1750)),
                new ContributionReversed(Id, "R-001", 1750, "entry error", new(2026, 3, 2), [new(1, 1750)]))
            .When(new ReversePayment(Id, "R-001", "entry error", new(2026, 3, 2))).ThenNothing();

    [Fact]
    public void E_6_the_first_instalment_is_paid_on_the_day_its_member_share_is_complete() =>
        Assert.Equal(new DateOnly(2026, 3, 9), AccountOf(Opened,
            Paid("R-001", 1000, new(2026, 3, 2), 0, new Allocation(1, 1000)),
            Paid("R-002", 750, new(2026, 3, 9), 0, new Allocation(1, 750))).FirstInstalmentPaidOn());
}
