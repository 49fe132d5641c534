using System.Text.Json;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Tests.Schemes;

public class SchemeCatalogueTests
{
    static readonly SchemeVersion V1 = DemoScheme.CsuBase;
    static readonly SchemeVersion V2 = V1 with { Version = 2, EffectiveFrom = new(2027, 1, 1), ContributionPerBeneficiary = 8000 };
    static readonly SchemeCatalogue Catalogue = SchemeCatalogue.Empty.With(V1).With(V2);

    [Fact]
    public void S_2_the_version_in_force_on_the_date_that_matters_is_used()
    {
        Assert.Equal(1, Catalogue.InForceOn(new(2026, 12, 31))!.Version);
        Assert.Equal(2, Catalogue.InForceOn(new(2027, 1, 1))!.Version);
        Assert.Null(Catalogue.InForceOn(new(2025, 12, 31)));
    }

    [Fact]
    public void S_1_the_fund_api_document_binds_onto_a_scheme_version()
    {
        const string json = """
            { "code": "CSU-BASE", "effectiveFrom": "2026-01-01", "currency": "XOF",
              "contributionPerBeneficiary": 7000, "waitingPeriodDays": 90, "gracePeriodDays": 30,
              "annualCeilingPerBeneficiary": 300000, "claimDeadlineDays": 90,
              "reviewThreshold": 100000, "reviewSamplePercent": 5, "fourEyesThreshold": 250000,
              "adminFeePercent": 10,
              "subsidyPercent": { "standard": 50, "indigent": 100, "none": 0 },
              "coverageRatePercent": { "consultation": 80, "laboratory": 80, "imaging": 70, "medicine": 70,
                                       "hospitalisation": 90, "surgery": 90, "maternity": 100, "emergency": 90 },
              "tariffs": [
                { "code": "CONS-GEN", "description": "General consultation", "category": "consultation",
                  "maxUnitPrice": 2000, "levels": ["health-post", "health-centre"],
                  "sex": null, "minAgeYears": null, "maxAgeYears": null,
                  "maxQuantityPerClaim": 1, "minIntervalDays": 1 } ] }
            """;
        var scheme = JsonSerializer.Deserialize<SchemeVersion>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(new DateOnly(2026, 1, 1), scheme.EffectiveFrom);
        Assert.Equal(100, scheme.SubsidyPercent["indigent"]);
        Assert.Equal(1, scheme.FindTariff("CONS-GEN")!.MaxQuantityPerClaim);
        Assert.Empty(SchemeValidation.Validate(scheme, null));
    }
}
