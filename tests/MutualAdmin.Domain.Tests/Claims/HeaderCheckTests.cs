using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Claims.Claims;

namespace MutualAdmin.Domain.Tests.Claims;

public class HeaderCheckTests
{
    static string? Reason(ClaimSubmission claim, AdjudicationFacts? facts = null) => Adjudicate(claim, facts).RejectionCode;

    [Fact]
    public void C_3_unknown_beneficiary_rejects_the_claim() =>
        Assert.Equal("BENEFICIARY_UNKNOWN", Reason(Claim(), Facts() with { Patient = null }));

    [Fact]
    public void C_3_a_bad_check_digit_is_an_unknown_beneficiary() =>
        Assert.Equal("BENEFICIARY_UNKNOWN", Reason(Claim() with { BeneficiaryNumber = "000000000019" }));

    [Fact]
    public void C_3_no_affiliation_on_the_service_date_is_not_covered() =>
        Assert.Equal("NOT_COVERED", Reason(Claim(), Facts(BeneficiaryState.Lapsed)));

    [Fact]
    public void C_3_service_inside_the_waiting_period_is_rejected() =>
        Assert.Equal("IN_WAITING_PERIOD", Reason(Claim(), Facts(BeneficiaryState.Waiting)));

    [Fact]
    public void C_3_service_while_suspended_is_rejected() =>
        Assert.Equal("SUSPENDED", Reason(Claim(), Facts(BeneficiaryState.Suspended)));

    [Fact]
    public void C_3_submitted_after_the_deadline_is_late() =>
        Assert.Equal("LATE_SUBMISSION", Reason(Claim() with { SubmittedOn = ServiceDate.AddDays(91) }));

    [Fact]
    public void C_3_submitted_on_the_last_day_of_the_deadline_is_in_time() =>
        Assert.Null(Reason(Claim() with { SubmittedOn = ServiceDate.AddDays(90) }));

    [Fact]
    public void C_3_a_service_date_in_the_future_is_late_submission() =>
        Assert.Equal("LATE_SUBMISSION", Reason(Claim() with { SubmittedOn = ServiceDate.AddDays(-1) }));

    [Fact]
    public void C_3_main_diagnosis_not_in_icd_10_is_rejected() =>
        Assert.Equal("UNKNOWN_DIAGNOSIS", Reason(Claim() with { MainDiagnosis = "XYZ" }));

    [Fact]
    public void C_6_a_hospital_needs_a_referral_outside_emergency_and_maternity()
    {
        var atHospital = Claim(new ClaimLine("LAB-MAL", 1, 1500)) with { ProviderLevel = "district-hospital" };
        Assert.Equal("REFERRAL_REQUIRED", Reason(atHospital));
        Assert.Null(Reason(atHospital with { VisitType = "emergency" }));
        Assert.Null(Reason(atHospital with { ReferralReference = "REF-1" }));
    }

    [Fact]
    public void C_3_same_provider_beneficiary_date_and_lines_as_a_live_claim_is_a_duplicate()
    {
        var earlier = new PriorClaim(Guid.NewGuid(), HealthCentre, ServiceDate, [new("CONS-GEN", 1, 2000)], Rejected: false);
        Assert.Equal("DUPLICATE_CLAIM", Reason(Claim(), Facts(others: [earlier])));
        Assert.Null(Reason(Claim(), Facts(others: [earlier with { Rejected = true }])));
    }

    [Fact]
    public void C_2_header_checks_run_in_order_and_the_first_failure_is_the_reason() =>
        Assert.Equal("LATE_SUBMISSION", Reason(Claim() with { SubmittedOn = ServiceDate.AddDays(100), MainDiagnosis = "XYZ" }, Facts(BeneficiaryState.Waiting)));

    [Fact]
    public void C_2_an_inpatient_deadline_runs_from_discharge()
    {
        var stay = HospitalStay(new(2026, 3, 1), new(2026, 3, 10), submitted: new(2026, 6, 8));
        Assert.Null(Reason(stay));
        Assert.Equal("LATE_SUBMISSION", Reason(stay with { SubmittedOn = new(2026, 6, 9) }));
    }

    [Fact]
    public void C_2_a_rejected_header_prices_no_line()
    {
        var result = Adjudicate(Claim(), Facts(BeneficiaryState.Suspended));
        Assert.Equal(ClaimOutcome.Rejected, result.Outcome);
        Assert.All(result.Lines, l => Assert.Equal(0, l.Benefit));
    }
}

public class EligibilityReasonTests
{
    [Theory]
    [InlineData(BeneficiaryState.Covered, null)]
    [InlineData(BeneficiaryState.Waiting, "IN_WAITING_PERIOD")]
    [InlineData(BeneficiaryState.Suspended, "SUSPENDED")]
    [InlineData(BeneficiaryState.Lapsed, "NOT_COVERED")]
    [InlineData(BeneficiaryState.Terminated, "NOT_COVERED")]
    [InlineData(BeneficiaryState.NotAffiliated, "NOT_COVERED")]
    public void C_2_the_eligibility_reason_is_the_code_a_claim_would_get(BeneficiaryState state, string? code) =>
        Assert.Equal(code, Adjudication.CoverRejection(state));
}
