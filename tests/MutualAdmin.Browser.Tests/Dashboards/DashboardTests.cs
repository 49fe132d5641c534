using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>The dashboard's figures are the API's for the same month, whichever month is chosen.</summary>
public sealed class DashboardTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    private static readonly string[] Breakdowns = ["by-state", "by-sex", "by-age-band", "arrears-by-age", "enrolment", "claims-by-outcome", "rejection-reasons"];

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

    private async Task ExpectSame(JsonElement api)
    {
        await Assertions.Expect(Test("collected")).ToHaveTextAsync(api.GetProperty("collected").GetInt64().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
        await Assertions.Expect(Test("due")).ToHaveTextAsync(api.GetProperty("due").GetInt64().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
        foreach (var name in Breakdowns)
        {
            var expected = name switch
            {
                "enrolment" => api.GetProperty("enrolment").EnumerateArray().ToDictionary(e => e.GetProperty("month").GetString()!, e => e.GetProperty("beneficiaries").GetInt64().ToString()),
                "claims-by-outcome" or "rejection-reasons" => api.GetProperty("claims").GetProperty(name == "claims-by-outcome" ? "byOutcome" : "rejectionReasons")
                    .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64().ToString()),
                _ => api.GetProperty(Property(name)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64().ToString()),
            };
            var rows = Test($"figures-{name}").Locator("tr");
            await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
            foreach (var (key, value) in expected)
                await Assertions.Expect(Test($"figures-{name}").Locator($"tr[data-key='{key}'] td")).ToHaveAttributeAsync("data-value", value);
        }
    }

    private static string Property(string name) => name switch
    {
        "by-state" => "byState", "by-sex" => "bySex", "by-age-band" => "byAgeBand", _ => "arrearsByAge",
    };

    private static async Task<JsonElement> Figures(HttpClient manager, string month) =>
        await Households.Json(await manager.GetAsync($"/api/dashboard?month={month}"));
}
