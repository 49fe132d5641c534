namespace MutualAdmin.Domain.Claims;

// A claim from submission to payment (C-1…C-11).

public interface IClaimEvent;

public sealed record ClaimSubmitted(ClaimSubmission Claim, string SchemeCode, int SchemeVersion) : IClaimEvent;

/// <summary>
/// Automatic adjudication (C-2…C-8). <see cref="Outcome"/> is pending-review when <see cref="ReviewReasons"/>
/// is not empty; the benefit is then reserved against the ceiling until the review lowers it.
/// </summary>
public sealed record ClaimAdjudicated(
    Guid ClaimId, ClaimOutcome Outcome, string? RejectionCode, IReadOnlyList<LineDecision> Lines,
    long Claimed, long Eligible, long Benefit, long CoPayment, IReadOnlyList<string> ReviewReasons,
    DateOnly? CoverageYearStart, DateOnly AdjudicatedOn) : IClaimEvent;

/// <summary>C-8: a reviewer's decision, with its justification; C-9 decides whether it needs a second pair of eyes.</summary>
public sealed record ClaimReviewed(
    Guid ClaimId, Guid ReviewerId, string Justification, ClaimOutcome Outcome, string? RejectionCode,
    IReadOnlyList<LineDecision> Lines, long Eligible, long Benefit, long CoPayment,
    bool NeedsSecondApproval, DateTimeOffset ReviewedAt) : IClaimEvent;

/// <summary>C-9.</summary>
public sealed record ClaimSecondApproved(Guid ClaimId, Guid ApproverId, string ApproverRole, DateTimeOffset ApprovedAt) : IClaimEvent;

/// <summary>C-10.</summary>
public sealed record ClaimPaid(Guid ClaimId, Guid BatchId, string BankReference, DateOnly PaidOn) : IClaimEvent;

public abstract record Claim
{
    public sealed record NotSubmitted : Claim;

    /// <summary>Submitted, its adjudication not yet applied (only between the two events of a submission).</summary>
    public sealed record Submitted(ClaimSubmission Submission) : Claim;

    public sealed record PendingReview(ClaimSubmission Submission, IReadOnlyList<LineDecision> AutomaticLines, IReadOnlyList<string> Reasons) : Claim;

    public sealed record AwaitingSecondApproval(ClaimSubmission Submission, Guid ReviewerId, ClaimOutcome Outcome,
        IReadOnlyList<LineDecision> Lines, long Benefit) : Claim;

    public sealed record Decided(ClaimSubmission Submission, ClaimOutcome Outcome, string? RejectionCode,
        IReadOnlyList<LineDecision> Lines, long Benefit, DateOnly DecidedOn, Guid? SecondApproverId = null) : Claim
    {
        public bool Payable => Outcome is ClaimOutcome.Approved or ClaimOutcome.PartiallyApproved && Benefit > 0;
    }

    public sealed record Paid(ClaimSubmission Submission, ClaimOutcome Outcome, IReadOnlyList<LineDecision> Lines, long Benefit,
        DateOnly DecidedOn, Guid BatchId, string BankReference, DateOnly PaidOn) : Claim;

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(ClaimSubmitted)] = "claim-submitted",
        [typeof(ClaimAdjudicated)] = "claim-adjudicated",
        [typeof(ClaimReviewed)] = "claim-reviewed",
        [typeof(ClaimSecondApproved)] = "claim-second-approved",
        [typeof(ClaimPaid)] = "claim-paid",
    };

    public static Claim Initial => new NotSubmitted();

    public static Claim Evolve(Claim state, IClaimEvent @event) => (state, @event) switch
    {
        (NotSubmitted, ClaimSubmitted e) => new Submitted(e.Claim),
        (Submitted s, ClaimAdjudicated { Outcome: ClaimOutcome.PendingReview } e) => new PendingReview(s.Submission, e.Lines, e.ReviewReasons),
        (Submitted s, ClaimAdjudicated e) => new Decided(s.Submission, e.Outcome, e.RejectionCode, e.Lines, e.Benefit, e.AdjudicatedOn),
        (PendingReview p, ClaimReviewed { NeedsSecondApproval: true } e) => new AwaitingSecondApproval(p.Submission, e.ReviewerId, e.Outcome, e.Lines, e.Benefit),
        (PendingReview p, ClaimReviewed e) => new Decided(p.Submission, e.Outcome, e.RejectionCode, e.Lines, e.Benefit, DateOnly.FromDateTime(e.ReviewedAt.UtcDateTime)),
        (AwaitingSecondApproval a, ClaimSecondApproved e) =>
            new Decided(a.Submission, a.Outcome, null, a.Lines, a.Benefit, DateOnly.FromDateTime(e.ApprovedAt.UtcDateTime), e.ApproverId),
        (Decided d, ClaimPaid e) => new Paid(d.Submission, d.Outcome, d.Lines, d.Benefit, d.DecidedOn, e.BatchId, e.BankReference, e.PaidOn),
        _ => state,
    };
}
