namespace MutualAdmin.Domain.Claims;

public interface IClaimCommand;

/// <summary>C-1, C-11: submitted by staff or a provider system; the facts are looked up by the host.</summary>
public sealed record SubmitClaim(ClaimSubmission Claim, AdjudicationFacts Facts) : IClaimCommand;

/// <summary>C-8: a reviewer lowers quantity or price, or rejects a line; nothing is raised.</summary>
public sealed record LineReview(int LineNumber, int? Quantity = null, long? UnitPrice = null, bool Reject = false);

public sealed record ReviewClaim(
    Guid ClaimId, Guid ReviewerId, string ReviewerRole, IReadOnlyList<LineReview> Lines, bool RejectClaim,
    string Justification, long FourEyesThreshold, DateTimeOffset ReviewedAt) : IClaimCommand;

/// <summary>C-9.</summary>
public sealed record ApproveReviewedClaim(Guid ClaimId, Guid ApproverId, string ApproverRole, DateTimeOffset ApprovedAt) : IClaimCommand;

/// <summary>C-10: sent for each claim of a batch once the batch is paid.</summary>
public sealed record MarkClaimPaid(Guid ClaimId, Guid BatchId, string BankReference, DateOnly PaidOn) : IClaimCommand;
