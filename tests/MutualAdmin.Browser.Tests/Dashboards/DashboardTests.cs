using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>The dashboard's figures are the API's for the same month, whichever month is chosen.</summary>
public sealed class DashboardTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task The_dashboard_shows_the_api_s_figures_for_the_chosen_month()
    {
        var paid = await Households.Affiliate(Host, "Seynabou Diallo");
        await Households.Affiliate(Host, "Marieme Sow");
        var cashier = await Host.Api($"awa.cashier@{Thies}");
        (await cashier.PostAsJsonAsync($"/api/affiliations/{paid.Affiliation}/payments", new { receipt = "D-1", amount = 7000, method = "cash" }))
            .EnsureSuccessStatusCode();
        // A claim for the paid member, still in the waiting period: rejected with that reason (C-2).
        var member = await Households.Json(await (await Host.Api($"fatou.enrolment-officer@{Thies}")).GetAsync($"/api/members/{paid.Household}"));
        (await (await Host.Api($"ibrahima.claims-officer@{Thies}")).PostAsJsonAsync("/api/claims", new
        {
            providerId = "cs-mbour", providerClaimReference = "DASH-1", visitType = "outpatient", mainDiagnosis = "B54",
            beneficiaryNumber = member.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString(),
            serviceDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), lines = new[] { new { tariffCode = "CONS-GEN", quantity = 1, claimedUnitPrice = 2000 } },
        })).EnsureSuccessStatusCode();
        var manager = await Host.Api($"cheikh.manager@{Thies}");
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM");
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM");

        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-dashboard").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-month", thisMonth);
        var api = await Figures(manager, thisMonth);
        Assert.Equal(1, api.GetProperty("byState").GetProperty("waiting").GetInt64()); // the paid household only
        Assert.Equal(7000, api.GetProperty("collected").GetInt64());
        Assert.Equal(1, api.GetProperty("claims").GetProperty("byOutcome").GetProperty("rejected").GetInt64());
        Assert.Equal(1, api.GetProperty("claims").GetProperty("rejectionReasons").GetProperty("IN_WAITING_PERIOD").GetInt64());
        await ExpectSame(api);

        await Test("dashboard-month").FillAsync(lastMonth);
        await Test("dashboard-show").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-month", lastMonth);
        var before = await Figures(manager, lastMonth);
        Assert.Equal(0, before.GetProperty("collected").GetInt64());
        await ExpectSame(before);
    }

    private Task ExpectSame(JsonElement api) => DashboardPage.ExpectSame(Page, api);

    private static Task<JsonElement> Figures(HttpClient manager, string month) => DashboardPage.Figures(manager, month);
}
