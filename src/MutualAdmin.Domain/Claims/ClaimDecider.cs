using System.Text.Json;
using static MutualAdmin.Domain.Claims.Claim;

namespace MutualAdmin.Domain.Claims;

public static class ClaimDecider
{
    public static IReadOnlyList<IClaimEvent> Decide(IClaimCommand command, Claim state) => (command, state) switch
    {
        (SubmitClaim c, NotSubmitted) => Submit(c),
        // C-11: the provider's reference maps to this claim; the same claim again is already done.
        (SubmitClaim c, _) when SameSubmission(state, c.Claim) => [],
        (SubmitClaim, _) => throw new DomainError("C-11", "CLAIM_REFERENCE_REUSED", "this claim reference was used for another claim", "providerClaimReference"),
        (_, NotSubmitted) => throw new DomainError("C-1", "CLAIM_UNKNOWN", "no such claim"),

        (ReviewClaim c, PendingReview p) => Review.Decide(c, p),
        (ReviewClaim, _) => throw new DomainError("C-8", "NOT_PENDING_REVIEW", "the claim is not waiting for review"),

        (ApproveReviewedClaim c, AwaitingSecondApproval a) => [SecondApproval(c, a)],
        (ApproveReviewedClaim c, Decided { SecondApproverId: var approver }) when approver == c.ApproverId => [],
        (ApproveReviewedClaim, _) => throw new DomainError("C-9", "NOT_AWAITING_SECOND_APPROVAL", "the claim needs no second approval"),

        (MarkClaimPaid c, Decided { Payable: true }) => [new ClaimPaid(c.ClaimId, c.BatchId, c.BankReference, c.PaidOn)],
        (MarkClaimPaid c, Paid p) when p.BatchId == c.BatchId => [],
        (MarkClaimPaid, Paid) => throw new DomainError("C-10", "ALREADY_PAID", "a claim is paid once, ever"),
        (MarkClaimPaid, _) => throw new DomainError("C-10", "NOT_PAYABLE", "only decided claims with an approved benefit are paid"),

        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name),
    };

    static IReadOnlyList<IClaimEvent> Submit(SubmitClaim c)
    {
        c.Claim.EnsureWellFormed();
        var result = Adjudication.Adjudicate(c.Claim, c.Facts);
        var outcome = result.ReviewReasons.Count > 0 ? ClaimOutcome.PendingReview : result.Outcome;
        return
        [
            new ClaimSubmitted(c.Claim with { BeneficiaryNumber = Enrolment.BeneficiaryNumber.Normalise(c.Claim.BeneficiaryNumber) },
                c.Facts.Scheme.Code, c.Facts.Scheme.Version),
            new ClaimAdjudicated(c.Claim.ClaimId, outcome, result.RejectionCode, result.Lines, result.Claimed, result.Eligible,
                result.Benefit, result.CoPayment, result.ReviewReasons, c.Facts.CoverageYearStart, c.Claim.SubmittedOn),
        ];
    }

    /// <summary>C-9: another user, with the medical-reviewer or manager role.</summary>
    static ClaimSecondApproved SecondApproval(ApproveReviewedClaim c, AwaitingSecondApproval a)
    {
        if (c.ApproverId == a.ReviewerId)
            throw new DomainError("C-9", "SAME_REVIEWER", "the reviewer cannot give the second approval");
        if (c.ApproverRole is not (StaffRole.MedicalReviewer or StaffRole.Manager))
            throw new DomainError("C-9", "ROLE_NOT_ALLOWED", "a second approval is given by a medical reviewer or a manager");
        return new(c.ClaimId, c.ApproverId, c.ApproverRole, c.ApprovedAt);
    }

    static bool SameSubmission(Claim state, ClaimSubmission claim)
    {
        var submitted = state switch
        {
            Submitted s => s.Submission, PendingReview p => p.Submission, AwaitingSecondApproval a => a.Submission,
            Decided d => d.Submission, Paid p => p.Submission, _ => null,
        };
        var normalised = claim with { BeneficiaryNumber = Enrolment.BeneficiaryNumber.Normalise(claim.BeneficiaryNumber) };
        return submitted is not null && JsonSerializer.Serialize(submitted) == JsonSerializer.Serialize(normalised);
    }
}
