using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>The dashboard's figures are the API's for the same month, whichever month is chosen.</summary>
public sealed class DashboardTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    private static readonly string[] Breakdowns = ["by-state", "by-sex", "by-age-band", "arrears-by-age", "enrolment"];

    [Fact]
    public async Task The_dashboard_shows_the_api_s_figures_for_the_chosen_month()
    {
        var paid = await Households.Affiliate(Host, "Seynabou Diallo");
        await Households.Affiliate(Host, "Marieme Sow");
        var cashier = await Host.Api($"awa.cashier@{Thies}");
        (await cashier.PostAsJsonAsync($"/api/affiliations/{paid.Affiliation}/payments", new { receipt = "D-1", amount = 7000, method = "cash" }))
            .EnsureSuccessStatusCode();
        var manager = await Host.Api($"cheikh.manager@{Thies}");
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM");
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM");

        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-dashboard").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-month", thisMonth);
        var api = await Figures(manager, thisMonth);
        Assert.Equal(1, api.GetProperty("byState").GetProperty("waiting").GetInt64()); // the paid household only
        Assert.Equal(7000, api.GetProperty("collected").GetInt64());
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
            var expected = name == "enrolment"
                ? api.GetProperty("enrolment").EnumerateArray().ToDictionary(e => e.GetProperty("month").GetString()!, e => e.GetProperty("beneficiaries").GetInt64().ToString())
                : api.GetProperty(Property(name)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64().ToString());
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
