using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using static MutualAdmin.Domain.Claims.Claim;

namespace MutualAdmin.Web.Claims;

/// <summary>A claim as staff and providers see it: its place in the work and the decision per line (C-11).</summary>
public sealed record ClaimView(
    Guid ClaimId, string ProviderId, string ProviderClaimReference, string BeneficiaryNumber, string VisitType,
    DateOnly ServiceDate, DateOnly? AdmissionDate, DateOnly? DischargeDate, string MainDiagnosis,
    IReadOnlyList<string> SecondaryDiagnoses, string? ReferralReference, DateOnly SubmittedOn,
    string Status, string? Outcome, string? RejectionCode, IReadOnlyList<string> ReviewReasons,
    long Claimed, long Eligible, long Benefit, long CoPayment, DateOnly? DecidedOn, Guid? ReviewerId,
    Guid? BatchId, string? BankReference, DateOnly? PaidOn, IReadOnlyList<LineView> Lines)
{
    public static ClaimView? Of(Claim state) => state switch
    {
        PendingReview p => Build(p.Submission, ClaimStatus.PendingReview, null, null, p.AutomaticLines, p.Reasons),
        // Not decided until the second approval (C-9): no outcome yet, the lines show what the review set.
        AwaitingSecondApproval a => Build(a.Submission, ClaimStatus.AwaitingSecondApproval, null, null, a.Lines, []) with { ReviewerId = a.ReviewerId },
        Decided d => Build(d.Submission, WireNames.Of(d.Outcome), d.Outcome, d.RejectionCode, d.Lines, []) with { DecidedOn = d.DecidedOn },
        Paid p => Build(p.Submission, ClaimStatus.Paid, p.Outcome, null, p.Lines, []) with
        {
            DecidedOn = p.DecidedOn, BatchId = p.BatchId, BankReference = p.BankReference, PaidOn = p.PaidOn,
        },
        _ => null,
    };

    private static ClaimView Build(ClaimSubmission s, string status, ClaimOutcome? outcome, string? rejection,
        IReadOnlyList<LineDecision> lines, IReadOnlyList<string> reasons) =>
        new(s.ClaimId, s.ProviderId, s.ProviderClaimReference, s.BeneficiaryNumber, s.VisitType, s.ServiceDate, s.AdmissionDate,
            s.DischargeDate, s.MainDiagnosis, s.SecondaryDiagnoses, s.ReferralReference, s.SubmittedOn, status,
            outcome is { } o ? WireNames.Of(o) : null, rejection, reasons, lines.Sum(l => l.Claimed), lines.Sum(l => l.Eligible),
            lines.Sum(l => l.Benefit), lines.Sum(l => l.CoPayment), null, null, null, null, null,
            [.. lines.Select(LineView.Of)]);
}

/// <summary>One line's decision: the C-4 amounts, or the C-3 code that rejected it.</summary>
public sealed record LineView(
    int LineNumber, string TariffCode, string? Category, int Quantity, long ClaimedUnitPrice, long Claimed,
    int ApprovedQuantity, long ApprovedUnitPrice, int CoverageRatePercent, long Eligible, long Benefit, long CoPayment,
    bool CutByCeiling, string? RejectionCode)
{
    public static LineView Of(LineDecision l) => new(l.LineNumber, l.TariffCode, l.Category, l.Quantity, l.ClaimedUnitPrice, l.Claimed,
        l.ApprovedQuantity, l.ApprovedUnitPrice, l.CoverageRatePercent, l.Eligible, l.Benefit, l.CoPayment, l.CutByCeiling, l.RejectionCode);
}
