namespace MutualAdmin.Domain.Schemes;

/// <summary>
/// One published version of a scheme, shaped like the fund-api.md "Schemes" document so that the
/// host can bind the JSON straight onto it. <see cref="Version"/> is assigned on publication (S-1).
/// Percentages are whole numbers 0–100; amounts are in the currency unit.
/// </summary>
public sealed record SchemeVersion(
    string Code,
    int Version,
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
    public Tariff? FindTariff(string code) => Tariffs.FirstOrDefault(t => t.Code == code);
}

/// <summary>S-6: one line of the tariff list; null limits mean "no limit".</summary>
public sealed record Tariff(
    string Code,
    string Description,
    string Category,
    long MaxUnitPrice,
    IReadOnlyList<string> Levels,
    string? Sex,
    int? MinAgeYears,
    int? MaxAgeYears,
    int? MaxQuantityPerClaim,
    int? MinIntervalDays);
