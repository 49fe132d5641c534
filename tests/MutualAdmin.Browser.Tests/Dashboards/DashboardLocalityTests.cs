using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>
/// The dashboard filtered by locality: its figures, top diagnoses included, are the API's for the same
/// month and locality, and they count only that locality's households, accounts and claims.
/// </summary>
public sealed class DashboardLocalityTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    private const string Joal = "&region=Thi%C3%A8s&district=Mbour&commune=Joal-Fadiouth", ThiesDistrict = "&region=Thi%C3%A8s&district=Thi%C3%A8s";

    [Fact]
    public async Task The_dashboard_shows_the_api_s_figures_for_a_month_and_a_locality()
    {
        var atJoal = await Households.Affiliate(Host, "Ndella Sarr");
        var atPout = await Households.Affiliate(Host, "Astou Mbaye", place: new("Thiès", "Thiès", "Pout"));
        await Pay(atJoal, "LOC-1", 7000);
        await Pay(atPout, "LOC-2", 3500);
        await Claim(atJoal, "LOC-C1", "B54");
        await Claim(atJoal, "LOC-C2", "B54");
        await Claim(atJoal, "LOC-C3", "K35.8");
        await Claim(atPout, "LOC-C4", "K35.8");
        var manager = await Host.Api($"cheikh.manager@{Thies}");
        var month = DateTime.UtcNow.ToString("yyyy-MM");

        var whole = await DashboardPage.Figures(manager, month);
        var joal = await DashboardPage.Figures(manager, month, Joal);
        Assert.Equal(10500, whole.GetProperty("collected").GetInt64());
        Assert.Equal(7000, joal.GetProperty("collected").GetInt64());
        Assert.Equal(1, joal.GetProperty("byState").GetProperty("waiting").GetInt64());
        Assert.Equal(3, joal.GetProperty("claims").GetProperty("byOutcome").GetProperty("rejected").GetInt64());
        Assert.Equal(["B54 2", "K35.8 1"], Diagnoses(joal));
        Assert.Equal(["B54 2", "K35.8 2"], Diagnoses(whole)); // a tie in code order

        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-dashboard").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-month", month);
        await DashboardPage.ExpectSame(Page, whole);

        await Test("dashboard-locality").SelectOptionAsync("Thiès|Mbour|Joal-Fadiouth");
        await Test("dashboard-show").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-locality", "Thiès|Mbour|Joal-Fadiouth");
        await DashboardPage.ExpectSame(Page, joal);

        // A district: all its communes, here Pout alone.
        var district = await DashboardPage.Figures(manager, month, ThiesDistrict);
        Assert.Equal(3500, district.GetProperty("collected").GetInt64());
        await Test("dashboard-locality").SelectOptionAsync("Thiès|Thiès|");
        await Test("dashboard-show").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-locality", "Thiès|Thiès|");
        await DashboardPage.ExpectSame(Page, district);
    }

    private static string[] Diagnoses(JsonElement figures) =>
        [.. figures.GetProperty("topDiagnoses").EnumerateArray().Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("claims").GetInt64()}")];

    private async Task Pay(Households.Affiliated a, string receipt, long amount) =>
        (await (await Host.Api($"awa.cashier@{Thies}")).PostAsJsonAsync($"/api/affiliations/{a.Affiliation}/payments",
            new { receipt, amount, method = "cash" })).EnsureSuccessStatusCode();

    /// <summary>A claim for the household's member, still in the waiting period: received and rejected (C-2).</summary>
    private async Task Claim(Households.Affiliated a, string reference, string diagnosis)
    {
        var member = await Households.Json(await (await Host.Api($"fatou.enrolment-officer@{Thies}")).GetAsync($"/api/members/{a.Household}"));
        (await (await Host.Api($"ibrahima.claims-officer@{Thies}")).PostAsJsonAsync("/api/claims", new
        {
            providerId = "cs-mbour", providerClaimReference = reference, visitType = "outpatient", mainDiagnosis = diagnosis,
            beneficiaryNumber = member.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString(),
            serviceDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), lines = new[] { new { tariffCode = "CONS-GEN", quantity = 1, claimedUnitPrice = 2000 } },
        })).EnsureSuccessStatusCode();
    }
}
