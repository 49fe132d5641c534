using System.Text.Json.Serialization;

namespace MutualAdmin.Domain.Claims;

[JsonConverter(typeof(WireEnum<ClaimOutcome>))]
public enum ClaimOutcome { Approved, PartiallyApproved, Rejected, PendingReview }

/// <summary>
/// How one line was priced (C-4, C-5) or why it was rejected. Benefit + co-payment = eligible;
/// eligible ≤ claimed. <see cref="CoverageRatePercent"/> is kept so a reviewer's lowering can be
/// re-priced without the scheme.
/// </summary>
public sealed record LineDecision(
    int LineNumber, string TariffCode, string? Category, int Quantity, long ClaimedUnitPrice,
    int ApprovedQuantity, long ApprovedUnitPrice, int CoverageRatePercent,
    long Eligible, long Benefit, long CoPayment, bool CutByCeiling, string? RejectionCode)
{
    public long Claimed => Quantity * ClaimedUnitPrice;

    /// <summary>C-7: passed with nothing capped, cut in quantity or cut by the ceiling.</summary>
    public bool Uncut => RejectionCode is null && Eligible == Claimed && !CutByCeiling;

    public LineDecision Rejected(string code) =>
        this with { ApprovedQuantity = 0, ApprovedUnitPrice = 0, Eligible = 0, Benefit = 0, CoPayment = 0, CutByCeiling = false, RejectionCode = code };

    public static LineDecision Unpriced(int number, ClaimLine line, string? category) =>
        new(number, line.TariffCode, category, line.Quantity, line.ClaimedUnitPrice, 0, 0, 0, 0, 0, 0, false, null);
}

/// <summary>The result of adjudicating one claim; <see cref="ReviewReasons"/> non-empty sends it to review.</summary>
public sealed record Adjudicated(ClaimOutcome Outcome, string? RejectionCode, IReadOnlyList<LineDecision> Lines, IReadOnlyList<string> ReviewReasons)
{
    public long Claimed => Lines.Sum(l => l.Claimed);
    public long Eligible => Lines.Sum(l => l.Eligible);
    public long Benefit => Lines.Sum(l => l.Benefit);
    public long CoPayment => Lines.Sum(l => l.CoPayment);

    /// <summary>C-7.</summary>
    public static ClaimOutcome OutcomeOf(IReadOnlyList<LineDecision> lines) =>
        lines.Sum(l => l.Benefit) == 0 ? ClaimOutcome.Rejected
        : lines.All(l => l.Uncut) ? ClaimOutcome.Approved
        : ClaimOutcome.PartiallyApproved;
}
