using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>fund-api.md "Eligibility", in JSON and in FHIR R4 form.</summary>
public sealed class FundEligibilityTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private HttpClient fund = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        fund = await FundClient();
    }

    [Fact]
    public async Task The_fund_sees_waiting_then_covered_with_the_scheme_version_and_the_ceiling_left()
    {
        var a = await Affiliate("annual");
        (await Pay(Cashier, a.Affiliation, "R-ELIG-1", 3500)).EnsureSuccessStatusCode();

        var waiting = await Json(await fund.GetAsync($"/fund/v1/eligibility?beneficiary={a.Number}&date={Today:yyyy-MM-dd}"));
        Assert.Equal((false, "waiting", "IN_WAITING_PERIOD", "thies"), (waiting.GetProperty("covered").GetBoolean(),
            waiting.GetProperty("state").GetString(), waiting.GetProperty("reason").GetString(), waiting.GetProperty("tenant").GetString()));

        var covered = await Json(await fund.GetAsync($"/fund/v1/eligibility?beneficiary={a.Number}&date={Today.AddDays(90):yyyy-MM-dd}"));
        Assert.True(covered.GetProperty("covered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, covered.GetProperty("reason").ValueKind);
        Assert.Equal(("CSU-BASE", 1, "XOF", 300000L), (covered.GetProperty("scheme").GetString(), covered.GetProperty("schemeVersion").GetInt32(),
            covered.GetProperty("currency").GetString(), covered.GetProperty("ceilingRemaining").GetInt64()));
        Assert.Equal(Today.AddDays(90).ToString("yyyy-MM-dd"), covered.GetProperty("coverFrom").GetString());
    }

    [Fact]
    public async Task An_unknown_number_or_a_bad_check_digit_is_404_beneficiary_unknown_and_a_missing_date_is_400()
    {
        var a = await Affiliate("annual");
        var badDigit = a.Number[..^1] + (char)('0' + (a.Number[^1] - '0' + 1) % 10);
        foreach (var number in new[] { badDigit, "000000000000" })
        {
            var response = await fund.GetAsync($"/fund/v1/eligibility?beneficiary={number}&date={Today:yyyy-MM-dd}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.EndsWith("/beneficiary-unknown", (await Json(response)).GetProperty("type").GetString());
        }
        var noDate = await fund.GetAsync($"/fund/v1/eligibility?beneficiary={a.Number}");
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.True((await Json(noDate)).GetProperty("errors").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task The_fhir_form_answers_inforce_and_the_ceiling_allowed_and_used()
    {
        var a = await Affiliate("annual");
        (await Pay(Cashier, a.Affiliation, "R-FHIR-1", 3500)).EnsureSuccessStatusCode();
        object Request(DateOnly date) => new
        {
            resourceType = "CoverageEligibilityRequest", id = "req-1", status = "active", purpose = new[] { "validation" },
            patient = new { identifier = new { system = "https://mutualadmin.org/fhir/beneficiary-number", value = a.Number } },
            servicedDate = date.ToString("yyyy-MM-dd"),
        };

        var later = await Json(await fund.PostAsJsonAsync("/fund/fhir/CoverageEligibilityRequest", Request(Today.AddDays(100))));
        Assert.Equal(("CoverageEligibilityResponse", "complete"), (later.GetProperty("resourceType").GetString(), later.GetProperty("outcome").GetString()));
        var insurance = later.GetProperty("insurance")[0];
        Assert.True(insurance.GetProperty("inforce").GetBoolean());
        var benefit = insurance.GetProperty("item")[0].GetProperty("benefit")[0];
        Assert.Equal((300000L, 0L, "XOF"), (benefit.GetProperty("allowedMoney").GetProperty("value").GetInt64(),
            benefit.GetProperty("usedMoney").GetProperty("value").GetInt64(), benefit.GetProperty("allowedMoney").GetProperty("currency").GetString()));

        var now = await Json(await fund.PostAsJsonAsync("/fund/fhir/CoverageEligibilityRequest", Request(Today)));
        Assert.False(now.GetProperty("insurance")[0].GetProperty("inforce").GetBoolean());
        Assert.Equal("IN_WAITING_PERIOD", now.GetProperty("error")[0].GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());

        var bad = await fund.PostAsJsonAsync("/fund/fhir/CoverageEligibilityRequest", new { resourceType = "Patient", servicedDate = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("resourceType", out _) && errors.TryGetProperty("servicedDate", out _));
    }
}
