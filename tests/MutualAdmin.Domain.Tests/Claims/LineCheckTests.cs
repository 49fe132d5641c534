using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Claims.Claims;

namespace MutualAdmin.Domain.Tests.Claims;

public class LineCheckTests
{
    [Fact]
    public void C_3_unknown_tariff_rejects_the_line() => Assert.Equal("UNKNOWN_TARIFF", LineCode(Claim(new ClaimLine("DENT-01", 1, 5000))));

    [Fact]
    public void C_3_a_tariff_not_billable_at_the_providers_level_rejects_the_line() =>
        Assert.Equal("LEVEL_NOT_ALLOWED", LineCode(Claim(new ClaimLine("HOSP-DAY", 1, 10000))));

    [Fact]
    public void C_3_a_patient_outside_the_tariffs_age_limits_rejects_the_line() =>
        Assert.Equal("PATIENT_CATEGORY", LineCode(Claim(new ClaimLine("PAED-CONS", 1, 1500))));

    [Fact]
    public void C_3_a_patient_of_the_other_sex_rejects_the_line() =>
        Assert.Equal("PATIENT_CATEGORY", LineCode(Claim(new ClaimLine("DELIV", 1, 25000)), Facts() with { Patient = new("M", new(1988, 5, 3), BeneficiaryState.Covered) }));

    [Fact]
    public void C_3_age_limits_are_inclusive() =>
        Assert.Null(LineCode(Claim(new ClaimLine("DELIV", 1, 25000)), Facts() with { Patient = new("F", ServiceDate.AddYears(-55), BeneficiaryState.Covered) }));

    [Fact]
    public void C_3_a_provision_sooner_than_the_minimum_interval_rejects_the_line()
    {
        var delivery = Claim(new ClaimLine("DELIV", 1, 25000));
        Assert.Equal("FREQUENCY", LineCode(delivery, Facts(provisions: [new("DELIV", ServiceDate.AddDays(-179))])));
        Assert.Null(LineCode(delivery, Facts(provisions: [new("DELIV", ServiceDate.AddDays(-180))])));
    }

    [Fact]
    public void C_3_nothing_left_under_the_ceiling_rejects_the_line() =>
        Assert.Equal("CEILING_REACHED", LineCode(Claim(), Facts(used: 300000)));

    [Fact]
    public void C_2_line_checks_run_in_order() =>
        Assert.Equal("LEVEL_NOT_ALLOWED", LineCode(Claim(new ClaimLine("SURG-CS", 1, 150000)), Facts(used: 300000) with { Patient = new("M", new(1950, 1, 1), BeneficiaryState.Covered) }));

    [Fact]
    public void C_4_price_is_capped_at_the_tariff_and_benefit_floored()
    {
        var line = Assert.Single(Adjudicate(Claim(new ClaimLine("DRUG-AMOX", 7, 99))).Lines);
        Assert.Equal((693L, 485L, 208L), (line.Eligible, line.Benefit, line.CoPayment));
        var capped = Assert.Single(Adjudicate(Claim(new ClaimLine("CONS-GEN", 1, 2500))).Lines);
        Assert.Equal((2000L, 1600L, 400L), (capped.Eligible, capped.Benefit, capped.CoPayment));
    }

    [Fact]
    public void C_4_quantity_is_capped_at_the_tariffs_maximum_per_claim()
    {
        var line = Assert.Single(Adjudicate(Claim(new ClaimLine("DRUG-AMOX", 40, 100))).Lines);
        Assert.Equal((30, 3000L, 2100L), (line.ApprovedQuantity, line.Eligible, line.Benefit));
    }

    [Fact]
    public void C_5_a_line_crossing_the_ceiling_is_cut_to_what_remains()
    {
        var first = Adjudicate(Claim(new ClaimLine("LAB-MAL", 1, 1500), new ClaimLine("DRUG-AMOX", 10, 100)), Facts(used: 299000)).Lines;
        Assert.Equal((1000L, 500L, true), (first[0].Benefit, first[0].CoPayment, first[0].CutByCeiling));
        Assert.Equal("CEILING_REACHED", first[1].RejectionCode);
        var cut = Adjudicate(Claim(new ClaimLine("DRUG-AMOX", 10, 100), new ClaimLine("LAB-MAL", 1, 1500)), Facts(used: 299000)).Lines;
        Assert.Equal((700L, 300L, false), (cut[0].Benefit, cut[0].CoPayment, cut[0].CutByCeiling));
        Assert.Equal((300L, 1200L, true), (cut[1].Benefit, cut[1].CoPayment, cut[1].CutByCeiling));
    }

    [Fact]
    public void C_7_every_line_passing_uncut_is_approved() =>
        Assert.Equal(ClaimOutcome.Approved, Adjudicate(Claim(new ClaimLine("CONS-GEN", 1, 2000), new ClaimLine("LAB-MAL", 1, 1500))).Outcome);

    [Fact]
    public void C_7_a_rejected_or_capped_line_makes_it_partially_approved()
    {
        Assert.Equal(ClaimOutcome.PartiallyApproved, Adjudicate(Claim(new ClaimLine("CONS-GEN", 1, 2000), new ClaimLine("DENT-01", 1, 5000))).Outcome);
        Assert.Equal(ClaimOutcome.PartiallyApproved, Adjudicate(Claim(new ClaimLine("CONS-GEN", 1, 2500))).Outcome);
        Assert.Equal(ClaimOutcome.PartiallyApproved, Adjudicate(Claim(), Facts(used: 299000)).Outcome);
    }

    [Fact]
    public void C_7_no_benefit_approved_is_rejected() =>
        Assert.Equal(ClaimOutcome.Rejected, Adjudicate(Claim(new ClaimLine("DENT-01", 1, 5000))).Outcome);
}
