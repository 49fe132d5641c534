using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Contributions;

public interface IContributionCommand;

public sealed record BeneficiaryToCharge(Guid PersonId, string SubsidyCategory);

/// <summary>
/// Opens the account of a coverage year on the day the affiliation is requested or renewed (K-3).
/// <paramref name="Scheme"/> is the version in force on that due date (S-2); <paramref name="CoverageYearStart"/>
/// is null for a first year, whose start is the activation date, not known yet.
/// </summary>
public sealed record OpenContributionAccount(
    Guid AccountId, Guid AffiliationId, string PaymentPlan, DateOnly OpenedOn, DateOnly? CoverageYearStart,
    IReadOnlyList<BeneficiaryToCharge> Beneficiaries, SchemeVersion Scheme,
    IReadOnlyList<SeasonalShare>? SeasonalShares = null) : IContributionCommand;

public sealed record StartCoverageYear(Guid AccountId, DateOnly Start) : IContributionCommand;

/// <summary>K-1.</summary>
public sealed record CallBeneficiaryContribution(
    Guid AccountId, Guid PersonId, string SubsidyCategory, DateOnly AddedOn, SchemeVersion Scheme) : IContributionCommand;

/// <summary>
/// K-4. <paramref name="ReceiptUsedInTenant"/>: whether the tenant-wide receipt index (an inline
/// projection) already holds this receipt number for another account.
/// </summary>
public sealed record RecordPayment(
    Guid AccountId, string Receipt, long Amount, DateOnly PaidOn, string Method, string Payer,
    bool ReceiptUsedInTenant = false) : IContributionCommand;

/// <summary>K-5.</summary>
public sealed record ReversePayment(Guid AccountId, string Receipt, string Reason, DateOnly ReversedOn) : IContributionCommand;
