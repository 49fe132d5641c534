using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Tests.Claims.Claims;
using ClaimState = MutualAdmin.Domain.Claims.Claim;

namespace MutualAdmin.Domain.Tests.Claims;

public class ClaimTests
{
    static readonly Spec<ClaimState, IClaimCommand, IClaimEvent> Spec = new(ClaimState.Initial, ClaimState.Evolve, ClaimDecider.Decide);

    static readonly LineDecision Consultation = new(1, "CONS-GEN", "consultation", 1, 2000, 1, 2000, 80, 2000, 1600, 400, false, null);

    /// <summary>A caesarean with 15 hospital days: 300000 claimed (above review), 270000 benefit (above four eyes).</summary>
    public static readonly ClaimSubmission Caesarean =
        HospitalStay(new(2026, 6, 1), new(2026, 6, 16), new(2026, 6, 20)) with
        {
            Lines = [new("SURG-CS", 1, 150000), new("HOSP-DAY", 15, 10000)], MainDiagnosis = "O80",
        };

    public static readonly Guid Reviewer = Guid.Parse("f0000000-0000-4000-8000-000000000001");
    public static readonly Guid Manager = Guid.Parse("f0000000-0000-4000-8000-000000000002");
    static readonly DateTimeOffset ReviewedAt = new(2026, 6, 22, 10, 0, 0, TimeSpan.Zero);

    static IClaimEvent[] Submitted(ClaimSubmission claim) => [.. ClaimDecider.Decide(new SubmitClaim(claim, Facts()), ClaimState.Initial)];

    static ReviewClaim Review(params LineReview[] lines) =>
        new(ClaimId, Reviewer, StaffRole.MedicalReviewer, lines, false, "operative report checked", 250000, ReviewedAt);

    [Fact]
    public void C_2_a_submitted_claim_is_adjudicated_at_once() =>
        Spec.Given().When(new SubmitClaim(Claim(), Facts()))
            .Then(new ClaimSubmitted(Claim(), "CSU-BASE", 1),
                new ClaimAdjudicated(ClaimId, ClaimOutcome.Approved, null, [Consultation], 2000, 2000, 1600, 400, [], YearStart, ServiceDate.AddDays(2)));

    [Fact]
    public void C_11_resubmitting_the_same_claim_is_already_done() =>
        Spec.Given(Submitted(Claim())).When(new SubmitClaim(Claim(), Facts())).ThenNothing();

    [Fact]
    public void C_11_a_claim_reference_reused_for_another_claim_is_refused() =>
        Spec.Given(Submitted(Claim())).When(new SubmitClaim(Claim(new ClaimLine("LAB-MAL", 1, 1500)), Facts())).ThenFails("C-11");

    [Fact]
    public void C_1_more_than_four_secondary_diagnoses_is_malformed() =>
        Spec.Given().When(new SubmitClaim(Claim() with { SecondaryDiagnoses = ["A09", "A09", "A09", "A09", "A09"] }, Facts()))
            .ThenFails("C-1", "TOO_MANY_DIAGNOSES");

    [Fact]
    public void C_8_a_claim_above_the_review_threshold_goes_to_review()
    {
        var adjudicated = (ClaimAdjudicated)Submitted(Caesarean)[1];
        Assert.Equal((ClaimOutcome.PendingReview, 270000L), (adjudicated.Outcome, adjudicated.Benefit));
        Assert.Equal([ReviewReason.AboveThreshold], adjudicated.ReviewReasons);
    }

    [Fact]
    public void C_8_a_third_claim_within_seven_days_goes_to_review()
    {
        PriorClaim Other(int daysBefore) => new(Guid.NewGuid(), Hospital, ServiceDate.AddDays(-daysBefore), [new("LAB-MAL", 1, 1500)], false);
        Assert.Equal([ReviewReason.FrequentClaims], Adjudicate(Claim(), Facts(others: [Other(6), Other(3)])).ReviewReasons);
        Assert.Empty(Adjudicate(Claim(), Facts(others: [Other(7), Other(3)])).ReviewReasons);
    }

    [Fact]
    public void C_8_a_reviewer_lowers_a_quantity_with_a_justification() =>
        Spec.Given(Submitted(Caesarean)).When(Review(new LineReview(2, Quantity: 10)))
            .Then(new ClaimReviewed(ClaimId, Reviewer, "operative report checked", ClaimOutcome.PartiallyApproved, null,
            [
                new(1, "SURG-CS", "surgery", 1, 150000, 1, 150000, 90, 150000, 135000, 15000, false, null),
                new(2, "HOSP-DAY", "hospitalisation", 15, 10000, 10, 10000, 90, 100000, 90000, 10000, false, null),
            ], 250000, 225000, 25000, NeedsSecondApproval: false, ReviewedAt));

    [Fact]
    public void C_8_nobody_raises_an_amount_above_the_automatic_pricing() =>
        Spec.Given(Submitted(Caesarean)).When(Review(new LineReview(1, UnitPrice: 160000))).ThenFails("C-8", "ABOVE_AUTOMATIC_PRICING");

    [Fact]
    public void C_8_a_review_without_justification_is_refused() =>
        Spec.Given(Submitted(Caesarean)).When(Review() with { Justification = " " }).ThenFails("C-8", "JUSTIFICATION_REQUIRED");

    [Fact]
    public void C_3_a_line_rejected_by_the_reviewer_carries_reviewer_rejected()
    {
        var reviewed = (ClaimReviewed)Spec.Given(Submitted(Caesarean)).When(Review(new LineReview(2, Reject: true))).Events.Single();
        Assert.Equal([null, "REVIEWER_REJECTED"], reviewed.Lines.Select(l => l.RejectionCode));
        Assert.Equal(135000, reviewed.Benefit);
    }

    [Fact]
    public void C_9_a_reviewed_benefit_above_the_four_eyes_threshold_needs_a_second_approval() =>
        Assert.True(((ClaimReviewed)Spec.Given(Submitted(Caesarean)).When(Review()).Events.Single()).NeedsSecondApproval);

    [Fact]
    public void C_9_the_reviewer_cannot_give_the_second_approval()
    {
        var reviewed = Spec.Given(Submitted(Caesarean)).When(Review()).Events.Single();
        Spec.Given([.. Submitted(Caesarean), reviewed]).When(new ApproveReviewedClaim(ClaimId, Reviewer, StaffRole.MedicalReviewer, ReviewedAt))
            .ThenFails("C-9", "SAME_REVIEWER");
    }

    [Fact]
    public void C_9_a_claims_officer_cannot_give_the_second_approval()
    {
        var reviewed = Spec.Given(Submitted(Caesarean)).When(Review()).Events.Single();
        Spec.Given([.. Submitted(Caesarean), reviewed]).When(new ApproveReviewedClaim(ClaimId, Manager, StaffRole.ClaimsOfficer, ReviewedAt))
            .ThenFails("C-9", "ROLE_NOT_ALLOWED");
    }

    [Fact]
    public void C_9_a_manager_gives_the_second_approval_and_the_claim_is_decided()
    {
        var reviewed = Spec.Given(Submitted(Caesarean)).When(Review()).Events.Single();
        var approved = new ClaimSecondApproved(ClaimId, Manager, StaffRole.Manager, ReviewedAt.AddHours(3));
        Spec.Given([.. Submitted(Caesarean), reviewed]).When(new ApproveReviewedClaim(ClaimId, Manager, StaffRole.Manager, ReviewedAt.AddHours(3)))
            .Then(approved);
        var decided = Assert.IsType<ClaimState.Decided>(Spec.Given([.. Submitted(Caesarean), reviewed, approved]).State);
        Assert.Equal((ClaimOutcome.Approved, 270000L), (decided.Outcome, decided.Benefit));
    }

    [Fact]
    public void C_10_a_claim_is_paid_once_ever()
    {
        var batch = Guid.NewGuid();
        var paid = new ClaimPaid(ClaimId, batch, "BNK-1", new(2026, 7, 5));
        Spec.Given(Submitted(Claim())).When(new MarkClaimPaid(ClaimId, batch, "BNK-1", new(2026, 7, 5))).Then(paid);
        Spec.Given([.. Submitted(Claim()), paid]).When(new MarkClaimPaid(ClaimId, batch, "BNK-1", new(2026, 7, 5))).ThenNothing();
        Spec.Given([.. Submitted(Claim()), paid]).When(new MarkClaimPaid(ClaimId, Guid.NewGuid(), "BNK-2", new(2026, 8, 5))).ThenFails("C-10", "ALREADY_PAID");
    }

    [Fact]
    public void C_10_a_rejected_claim_is_not_paid() =>
        Spec.Given(Submitted(Claim() with { MainDiagnosis = "XYZ" })).When(new MarkClaimPaid(ClaimId, Guid.NewGuid(), "BNK-1", new(2026, 7, 5)))
            .ThenFails("C-10", "NOT_PAYABLE");
}
