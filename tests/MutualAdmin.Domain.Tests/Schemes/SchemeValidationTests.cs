using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Tests.Schemes;

public class SchemeValidationTests
{
    static IEnumerable<string> Fields(SchemeVersion draft, SchemeVersion? latest = null) =>
        SchemeValidation.Validate(draft, latest).Select(e => e.Field);

    [Fact]
    public void S_3_the_demo_scheme_is_valid() => Assert.Empty(Fields(DemoScheme.CsuBase));

    [Fact]
    public void S_5_unknown_benefit_category_is_named()
    {
        var rates = new Dictionary<string, int>(DemoScheme.CsuBase.CoverageRatePercent) { ["dental"] = 50 };
        Assert.Equal(["coverageRatePercent.dental"], Fields(DemoScheme.CsuBase with { CoverageRatePercent = rates }));
    }

    [Fact]
    public void S_4_missing_subsidy_category_is_named()
    {
        var subsidies = new Dictionary<string, int> { ["standard"] = 50, ["none"] = 0 };
        Assert.Equal(["subsidyPercent.indigent"], Fields(DemoScheme.CsuBase with { SubsidyPercent = subsidies }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void S_3_percentage_outside_0_to_100_is_named(int percent) =>
        Assert.Equal(["adminFeePercent"], Fields(DemoScheme.CsuBase with { AdminFeePercent = percent }));

    [Fact]
    public void S_3_negative_amount_is_named() =>
        Assert.Equal(["annualCeilingPerBeneficiary"], Fields(DemoScheme.CsuBase with { AnnualCeilingPerBeneficiary = -1 }));

    [Fact]
    public void S_6_duplicate_tariff_code_is_named()
    {
        var scheme = DemoScheme.CsuBase;
        Assert.Equal(["tariffs[7].code"], Fields(scheme with { Tariffs = [.. scheme.Tariffs, scheme.Tariffs[0]] }));
    }

    [Fact]
    public void S_6_unknown_tariff_category_and_level_are_named()
    {
        var scheme = DemoScheme.CsuBase;
        var odd = scheme.Tariffs[0] with { Code = "X", Category = "dental", Levels = ["clinic"] };
        Assert.Equal(["tariffs[7].category", "tariffs[7].levels[0]"], Fields(scheme with { Tariffs = [.. scheme.Tariffs, odd] }));
    }
}
