using static MutualAdmin.Domain.Claims.Claim;

namespace MutualAdmin.Domain.Claims;

/// <summary>C-8 manual review and the C-9 threshold: reviewers may only lower, always with a justification.</summary>
static class Review
{
    public static IReadOnlyList<IClaimEvent> Decide(ReviewClaim c, PendingReview pending)
    {
        if (c.ReviewerRole != StaffRole.MedicalReviewer)
            throw new DomainError("C-8", "ROLE_NOT_ALLOWED", "claims are reviewed by a medical reviewer");
        if (string.IsNullOrWhiteSpace(c.Justification))
            throw new DomainError("C-8", "JUSTIFICATION_REQUIRED", "a review states its justification", "justification");
        foreach (var review in c.Lines)
            if (pending.AutomaticLines.All(l => l.LineNumber != review.LineNumber))
                throw new DomainError("C-8", "LINE_UNKNOWN", $"no line {review.LineNumber}", "lines");

        var lines = c.RejectClaim
            ? [.. pending.AutomaticLines.Select(l => l.RejectionCode is null ? l.Rejected(RejectionCode.ReviewerRejected) : l)]
            : pending.AutomaticLines.Select(l => Apply(l, c.Lines.FirstOrDefault(r => r.LineNumber == l.LineNumber))).ToList();
        var outcome = Adjudicated.OutcomeOf(lines);
        var benefit = lines.Sum(l => l.Benefit);
        return
        [
            new ClaimReviewed(c.ClaimId, c.ReviewerId, c.Justification, outcome,
                c.RejectClaim ? RejectionCode.ReviewerRejected : null, lines,
                lines.Sum(l => l.Eligible), benefit, lines.Sum(l => l.CoPayment),
                NeedsSecondApproval: benefit > c.FourEyesThreshold && outcome != ClaimOutcome.Rejected, c.ReviewedAt),
        ];
    }

    static LineDecision Apply(LineDecision automatic, LineReview? review)
    {
        if (review is null) return automatic;
        if (review.Reject) return automatic.RejectionCode is null ? automatic.Rejected(RejectionCode.ReviewerRejected) : automatic;
        var quantity = review.Quantity ?? automatic.ApprovedQuantity;
        var unitPrice = review.UnitPrice ?? automatic.ApprovedUnitPrice;
        if (automatic.RejectionCode is not null || quantity > automatic.ApprovedQuantity || unitPrice > automatic.ApprovedUnitPrice)
            throw new DomainError("C-8", "ABOVE_AUTOMATIC_PRICING", "a review can only lower the automatic pricing", $"lines[{automatic.LineNumber - 1}]");
        if (quantity < 0 || unitPrice < 0)
            throw new DomainError("C-8", "LINE_INVALID", "quantity and price cannot be negative", $"lines[{automatic.LineNumber - 1}]");
        if (quantity == 0) return automatic.Rejected(RejectionCode.ReviewerRejected);

        var eligible = quantity * unitPrice;
        var uncapped = eligible * automatic.CoverageRatePercent / 100;
        // The automatic benefit was already cut to the ceiling; a lower eligible amount never needs more.
        var benefit = Math.Min(uncapped, automatic.Benefit);
        return automatic with
        {
            ApprovedQuantity = quantity, ApprovedUnitPrice = unitPrice, Eligible = eligible,
            Benefit = benefit, CoPayment = eligible - benefit, CutByCeiling = uncapped > benefit,
        };
    }
}
