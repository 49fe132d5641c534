using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Schemes.ProviderLevel;

namespace MutualAdmin.Web.Tests.Seeding;

public sealed class SchemeSeedTests
{
    readonly SchemeVersion scheme = Seeds.Files.Scheme();

    [Fact]
    public void S_1_the_CSU_BASE_document_passes_the_schemes_validation_and_publishes_as_version_1()
    {
        Assert.Empty(SchemeValidation.Validate(scheme, latestPublished: null));
        var published = Assert.Single(Scheme.Decide(new(scheme, DateTimeOffset.UnixEpoch), Scheme.Initial));
        Assert.Equal(1, Assert.IsType<SchemeVersionPublished>(published).Scheme.Version);
    }

    [Fact]
    public void S_3_S_4_S_5_parameters_are_the_demo_schemes()
    {
        Assert.Equal(("CSU-BASE", new DateOnly(2026, 1, 1), "XOF"), (scheme.Code, scheme.EffectiveFrom, scheme.Currency));
        Assert.Equal([7000, 90, 30, 300000, 90, 100000, 5, 250000, 10],
            new long[] { scheme.ContributionPerBeneficiary, scheme.WaitingPeriodDays, scheme.GracePeriodDays,
                scheme.AnnualCeilingPerBeneficiary, scheme.ClaimDeadlineDays, scheme.ReviewThreshold,
                scheme.ReviewSamplePercent, scheme.FourEyesThreshold, scheme.AdminFeePercent });
        Assert.Equal(new Dictionary<string, int> { ["standard"] = 50, ["indigent"] = 100, ["none"] = 0 }, scheme.SubsidyPercent);
        Assert.Equal(new Dictionary<string, int>
        {
            ["consultation"] = 80, ["laboratory"] = 80, ["imaging"] = 70, ["medicine"] = 70,
            ["hospitalisation"] = 90, ["surgery"] = 90, ["maternity"] = 100, ["emergency"] = 90,
        }, scheme.CoverageRatePercent);
    }

    [Fact]
    public void S_6_at_least_40_tariffs_cover_all_eight_benefit_categories_and_nothing_else()
    {
        Assert.True(scheme.Tariffs.Count >= 40, $"{scheme.Tariffs.Count} tariffs");
        Assert.All(scheme.Tariffs, t => Assert.Contains(t.Category, BenefitCategory.All));
        Assert.Equal(BenefitCategory.All.Order(), scheme.Tariffs.Select(t => t.Category).Distinct().Order());
        Assert.All(scheme.Tariffs, t => Assert.True(t.MaxUnitPrice > 0 && !string.IsNullOrWhiteSpace(t.Description), t.Code));
    }

    [Fact]
    public void S_6_patient_limits_follow_the_clinical_sense_of_each_tariff()
    {
        var antenatal = scheme.FindTariff("MAT-ANC")!;
        Assert.Equal(("F", 12, 55), (antenatal.Sex, antenatal.MinAgeYears, antenatal.MaxAgeYears));
        Assert.Equal("F", scheme.FindTariff("DELIV")!.Sex);
        Assert.Equal([DistrictHospital, RegionalHospital], scheme.FindTariff("SURG-CS")!.Levels.Order());
        Assert.Equal((0, 14), (scheme.FindTariff("PAED-CONS")!.MinAgeYears, scheme.FindTariff("PAED-CONS")!.MaxAgeYears));
        Assert.Equal(90, scheme.FindTariff("LAB-HBA1C")!.MinIntervalDays);
        Assert.Contains(HealthPost, scheme.FindTariff("LAB-MAL")!.Levels);
        // C-6 needs hospital-only tariffs to exist, or referral rules would never be exercised.
        Assert.Contains(scheme.Tariffs, t => t.Levels.All(IsHospital));
    }
}
