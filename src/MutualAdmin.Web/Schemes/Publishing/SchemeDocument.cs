using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Web.Schemes.Publishing;

/// <summary>
/// The scheme document of fund-api.md "Schemes", as the Fund posts it and as `publish-scheme` reads it:
/// a <see cref="SchemeVersion"/> without its version number, which only the platform assigns (S-1).
/// </summary>
public sealed record SchemeDocument(
    string Code,
    DateOnly EffectiveFrom,
    string Currency,
    long ContributionPerBeneficiary,
    int WaitingPeriodDays,
    int GracePeriodDays,
    long AnnualCeilingPerBeneficiary,
    int ClaimDeadlineDays,
    long ReviewThreshold,
    int ReviewSamplePercent,
    long FourEyesThreshold,
    int AdminFeePercent,
    IReadOnlyDictionary<string, int> SubsidyPercent,
    IReadOnlyDictionary<string, int> CoverageRatePercent,
    IReadOnlyList<Tariff> Tariffs)
{
    public static SchemeDocument Of(SchemeVersion scheme) => new(
        scheme.Code, scheme.EffectiveFrom, scheme.Currency, scheme.ContributionPerBeneficiary, scheme.WaitingPeriodDays,
        scheme.GracePeriodDays, scheme.AnnualCeilingPerBeneficiary, scheme.ClaimDeadlineDays, scheme.ReviewThreshold,
        scheme.ReviewSamplePercent, scheme.FourEyesThreshold, scheme.AdminFeePercent, scheme.SubsidyPercent,
        scheme.CoverageRatePercent, scheme.Tariffs);

    public SchemeVersion ToDraft() => SchemeStreams.Canonical(new(
        Code, 0, EffectiveFrom, Currency, ContributionPerBeneficiary, WaitingPeriodDays, GracePeriodDays,
        AnnualCeilingPerBeneficiary, ClaimDeadlineDays, ReviewThreshold, ReviewSamplePercent, FourEyesThreshold,
        AdminFeePercent, SubsidyPercent, CoverageRatePercent, Tariffs));
}
